<?xml version="1.0" encoding="UTF-8"?>
<!-- cases.xsl - the case list: reference, children and ages, what is overdue (loudly) and what is
     due next, and a filter by text. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key">web.cases.title</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1 class="govuk-heading-l">
      <xsl:call-template name="w"><xsl:with-param name="key">web.cases.title</xsl:with-param></xsl:call-template>
    </h1>
    <form method="get" action="/cases" class="desk-filter">
      <div class="govuk-form-group">
        <label class="govuk-label" for="q">
          <xsl:call-template name="w"><xsl:with-param name="key">web.cases.filter</xsl:with-param></xsl:call-template>
        </label>
        <div class="govuk-hint" id="q-hint">
          <xsl:call-template name="w"><xsl:with-param name="key">web.cases.filter.hint</xsl:with-param></xsl:call-template>
        </div>
        <input class="govuk-input govuk-input--width-20" id="q" name="q" type="search" value="{filter}" aria-describedby="q-hint" spellcheck="false"/>
        <xsl:text> </xsl:text>
        <button type="submit" class="govuk-button govuk-button--secondary desk-inline-button" data-module="govuk-button">
          <xsl:call-template name="w"><xsl:with-param name="key">web.cases.filter.submit</xsl:with-param></xsl:call-template>
        </button>
      </div>
    </form>
    <p class="govuk-body">
      <xsl:call-template name="w">
        <xsl:with-param name="key">web.cases.count</xsl:with-param>
        <xsl:with-param name="s1" select="string(@shown)"/>
        <xsl:with-param name="s2" select="string(@total)"/>
        <xsl:with-param name="s3"><xsl:call-template name="date"><xsl:with-param name="d" select="@today"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </p>
    <xsl:if test="case">
      <table class="govuk-table desk-cases">
        <caption class="govuk-table__caption govuk-visually-hidden">
          <xsl:call-template name="w"><xsl:with-param name="key">web.cases.title</xsl:with-param></xsl:call-template>
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.cases.col.ref</xsl:with-param></xsl:call-template></th>
            <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.cases.col.children</xsl:with-param></xsl:call-template></th>
            <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.cases.col.overdue</xsl:with-param></xsl:call-template></th>
            <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.cases.col.next</xsl:with-param></xsl:call-template></th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          <xsl:apply-templates select="case"/>
        </tbody>
      </table>
    </xsl:if>
    <xsl:if test="not(case)">
      <p class="govuk-body">
        <xsl:call-template name="w"><xsl:with-param name="key">web.cases.none</xsl:with-param></xsl:call-template>
      </p>
    </xsl:if>
    <xsl:if test="unreadable">
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.warning.prefix</xsl:with-param></xsl:call-template></span>
          <xsl:call-template name="w">
            <xsl:with-param name="key">web.cases.unreadable</xsl:with-param>
            <xsl:with-param name="s1"><xsl:for-each select="unreadable"><xsl:if test="position() > 1">, </xsl:if><xsl:value-of select="@id"/></xsl:for-each></xsl:with-param>
          </xsl:call-template>
        </strong>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="case">
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">
        <a class="govuk-link" href="/case/{@id}"><xsl:value-of select="@ref"/></a>
        <xsl:if test="@closed">
          <br/>
          <strong class="govuk-tag govuk-tag--grey">
            <xsl:call-template name="w"><xsl:with-param name="key">web.cases.closed</xsl:with-param></xsl:call-template>
          </strong>
        </xsl:if>
      </th>
      <td class="govuk-table__cell">
        <ul class="govuk-list">
          <xsl:for-each select="child">
            <li>
              <xsl:call-template name="w">
                <xsl:with-param name="key">
                  <xsl:choose>
                    <xsl:when test="@died">web.cases.child.died</xsl:when>
                    <xsl:otherwise>web.cases.child</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
                <xsl:with-param name="s1" select="string(@name)"/>
                <xsl:with-param name="s2" select="string(@age)"/>
              </xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </td>
      <td class="govuk-table__cell">
        <xsl:choose>
          <xsl:when test="due[@status = 'overdue']">
            <ul class="govuk-list desk-overdue">
              <xsl:for-each select="due[@status = 'overdue']">
                <li><xsl:apply-templates select="." mode="what"/><br/><xsl:apply-templates select="." mode="tag"/></li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="w"><xsl:with-param name="key">web.cases.nothing-overdue</xsl:with-param></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="govuk-table__cell">
        <xsl:for-each select="due[@status = 'due'][1]">
          <xsl:apply-templates select="." mode="what"/>
          <br/>
          <xsl:call-template name="date"><xsl:with-param name="d" select="@due"/></xsl:call-template>
          <br/>
          <xsl:apply-templates select="." mode="tag"/>
        </xsl:for-each>
        <xsl:if test="not(due[@status = 'due'])">
          <xsl:call-template name="w"><xsl:with-param name="key">web.cases.nothing-due</xsl:with-param></xsl:call-template>
        </xsl:if>
      </td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
