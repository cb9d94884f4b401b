<?xml version="1.0" encoding="UTF-8"?>
<!-- issue.xsl - the chair issues a meeting's plan and minutes: every recipient with their
     language, version, print size, how they receive it and what their copy leaves out; then, once
     issued, what went into the queue and each protected copy with its password (shown once). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:variable name="case" select="/page/case"/>
  <xsl:variable name="meeting" select="$case/meetings/meeting[@id = /page/@meeting]"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key">web.issue.title</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="before-main">
    <a href="/case/{@case}" class="govuk-back-link"><xsl:call-template name="w"><xsl:with-param name="key">web.back</xsl:with-param></xsl:call-template></a>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <span class="govuk-caption-l">
      <xsl:value-of select="$case/@ref"/>
      <xsl:text>, </xsl:text>
      <xsl:call-template name="w">
        <xsl:with-param name="key" select="concat('web.meeting.type.', $meeting/@type)"/>
        <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="$meeting/@date"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </span>
    <h1 class="govuk-heading-l"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.title</xsl:with-param></xsl:call-template></h1>

    <xsl:if test="problem">
      <div class="govuk-error-summary" data-module="govuk-error-summary">
        <div role="alert">
          <h2 class="govuk-error-summary__title"><xsl:call-template name="w"><xsl:with-param name="key">web.error.summary</xsl:with-param></xsl:call-template></h2>
          <div class="govuk-error-summary__body">
            <xsl:for-each select="problem">
              <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key" select="@key"/></xsl:call-template></p>
            </xsl:for-each>
            <ul class="govuk-list">
              <xsl:for-each select="detail"><li><xsl:value-of select="."/></li></xsl:for-each>
            </ul>
          </div>
        </div>
      </div>
    </xsl:if>

    <xsl:if test="@issued and not(problem)">
      <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="issued-title" data-module="govuk-notification-banner">
        <div class="govuk-notification-banner__header">
          <h2 class="govuk-notification-banner__title" id="issued-title"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.done</xsl:with-param></xsl:call-template></h2>
        </div>
        <div class="govuk-notification-banner__content">
          <p class="govuk-notification-banner__heading"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.done-heading</xsl:with-param></xsl:call-template></p>
        </div>
      </div>
    </xsl:if>

    <xsl:if test="protected">
      <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.protected</xsl:with-param></xsl:call-template></h2>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.warning.prefix</xsl:with-param></xsl:call-template></span>
          <xsl:call-template name="w"><xsl:with-param name="key">web.issue.password-once</xsl:with-param></xsl:call-template>
        </strong>
      </div>
      <dl class="govuk-summary-list desk-protected">
        <xsl:for-each select="protected">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key"><xsl:call-template name="name-of"><xsl:with-param name="id" select="@who"/></xsl:call-template></dt>
            <dd class="govuk-summary-list__value">
              <xsl:call-template name="w"><xsl:with-param name="key">web.issue.password</xsl:with-param></xsl:call-template>
              <xsl:text> </xsl:text>
              <code class="desk-password" data-for="{@who}"><xsl:value-of select="@password"/></code>
            </dd>
            <dd class="govuk-summary-list__actions">
              <a class="govuk-link" href="/case/{/page/@case}/issue/{@token}-{@who}.pdf" download="">
                <xsl:call-template name="w"><xsl:with-param name="key">web.issue.download</xsl:with-param></xsl:call-template>
                <span class="govuk-visually-hidden">
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="name-of"><xsl:with-param name="id" select="@who"/></xsl:call-template>
                </span>
              </a>
            </dd>
          </div>
        </xsl:for-each>
      </dl>
    </xsl:if>

    <xsl:if test="@sent">
      <div class="govuk-inset-text">
        <xsl:call-template name="w">
          <xsl:with-param name="key">web.issue.sent-already</xsl:with-param>
          <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="@sent"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </div>
    </xsl:if>
    <xsl:if test="not(@issued)">
      <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.intro</xsl:with-param></xsl:call-template></p>
    </xsl:if>

    <table class="govuk-table desk-recipients">
      <caption class="govuk-table__caption govuk-table__caption--m"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.recipients</xsl:with-param></xsl:call-template></caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.case.col.name</xsl:with-param></xsl:call-template></th>
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.col.copy</xsl:with-param></xsl:call-template></th>
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.col.how</xsl:with-param></xsl:call-template></th>
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.col.leaves</xsl:with-param></xsl:call-template></th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        <xsl:apply-templates select="recipient"/>
      </tbody>
    </table>
    <xsl:if test="not(recipient)">
      <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.issue.nobody</xsl:with-param></xsl:call-template></p>
    </xsl:if>

    <xsl:if test="@issuable and not(@issued) and recipient">
      <form method="post" action="/case/{@case}/issue" novalidate="">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="meeting" value="{@meeting}"/>
        <button type="submit" class="govuk-button" data-module="govuk-button" name="action" value="issue">
          <xsl:call-template name="w"><xsl:with-param name="key">web.issue.button</xsl:with-param></xsl:call-template>
        </button>
      </form>
    </xsl:if>
  </xsl:template>

  <xsl:template match="recipient">
    <xsl:variable name="name"><xsl:call-template name="name-of"><xsl:with-param name="id" select="@id"/></xsl:call-template></xsl:variable>
    <xsl:variable name="q" select="/page/queued[@who = current()/@id]"/>
    <tr class="govuk-table__row" data-recipient="{@id}">
      <th scope="row" class="govuk-table__header"><xsl:value-of select="$name"/></th>
      <td class="govuk-table__cell">
        <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.lang.', @lang)"/></xsl:call-template>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.version.', @version)"/></xsl:call-template>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.issue.style.', @style)"/></xsl:call-template>
      </td>
      <td class="govuk-table__cell desk-delivery">
        <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.issue.by.', @delivery)"/></xsl:call-template>
        <xsl:for-each select="$q">
          <br/>
          <xsl:choose>
            <xsl:when test="@status = 'issued'">
              <xsl:call-template name="w">
                <xsl:with-param name="key">web.issue.state.issued</xsl:with-param>
                <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="@issued"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="w">
                <xsl:with-param name="key">web.issue.state.queued</xsl:with-param>
                <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="@due"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </td>
      <td class="govuk-table__cell desk-leaves">
        <xsl:choose>
          <xsl:when test="leaves">
            <p class="govuk-body">
              <xsl:call-template name="w">
                <xsl:with-param name="key">web.issue.leaves-out</xsl:with-param>
                <xsl:with-param name="s1" select="string($name)"/>
              </xsl:call-template>
            </p>
            <ul class="govuk-list govuk-list--bullet">
              <xsl:for-each select="leaves">
                <li><xsl:apply-templates select="." mode="what"/></li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="w"><xsl:with-param name="key">web.issue.leaves-nothing</xsl:with-param></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </td>
    </tr>
  </xsl:template>

  <!-- One withheld element, in words: whose, and which words (for a paragraph, quote, item). -->
  <xsl:template match="leaves" mode="what">
    <xsl:variable name="key" select="concat('web.issue.leaves.', @kind)"/>
    <xsl:call-template name="w">
      <xsl:with-param name="key">
        <xsl:choose>
          <xsl:when test="$web.set/text[@key = $key]"><xsl:value-of select="$key"/></xsl:when>
          <xsl:otherwise>web.issue.leaves.other</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="s1"><xsl:call-template name="name-of"><xsl:with-param name="id" select="@of"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="s2" select="string(@text)"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
