<?xml version="1.0" encoding="UTF-8"?>
<!-- queue.xsl - the admin's desk: the print queue by due date; what is overdue (loudly) and what is
     due today at the top. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key">web.queue.title</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1 class="govuk-heading-l"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.title</xsl:with-param></xsl:call-template></h1>
    <xsl:if test="@problem">
      <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.queue.problem.', @problem)"/></xsl:call-template></p>
    </xsl:if>
    <xsl:if test="@overdue &gt; 0">
      <div class="govuk-notification-banner desk-banner-overdue" role="region" aria-labelledby="overdue-title">
        <div class="govuk-notification-banner__header">
          <h2 class="govuk-notification-banner__title" id="overdue-title">
            <xsl:call-template name="w"><xsl:with-param name="key">web.case.overdue</xsl:with-param></xsl:call-template>
          </h2>
        </div>
        <div class="govuk-notification-banner__content">
          <p class="govuk-notification-banner__heading">
            <xsl:call-template name="w"><xsl:with-param name="key">web.queue.overdue</xsl:with-param><xsl:with-param name="s1" select="string(@overdue)"/></xsl:call-template>
          </p>
          <ul class="govuk-list">
            <xsl:for-each select="date[@state = 'overdue']">
              <li><a class="govuk-notification-banner__link" href="/queue/{@day}"><xsl:call-template name="date"><xsl:with-param name="d" select="@day"/></xsl:call-template></a></li>
            </xsl:for-each>
          </ul>
        </div>
      </div>
    </xsl:if>
    <xsl:if test="@due-today &gt; 0">
      <div class="govuk-inset-text">
        <xsl:call-template name="w"><xsl:with-param name="key">web.queue.due-today</xsl:with-param><xsl:with-param name="s1" select="string(@due-today)"/></xsl:call-template>
      </div>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="date">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.title</xsl:with-param></xsl:call-template></caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.col.date</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.col.waiting</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.col.issued</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.due.col.status</xsl:with-param></xsl:call-template></th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            <xsl:for-each select="date">
              <tr class="govuk-table__row">
                <td class="govuk-table__cell"><a class="govuk-link" href="/queue/{@day}"><xsl:call-template name="date"><xsl:with-param name="d" select="@day"/></xsl:call-template></a></td>
                <td class="govuk-table__cell govuk-table__cell--numeric"><xsl:value-of select="waiting"/></td>
                <td class="govuk-table__cell govuk-table__cell--numeric"><xsl:value-of select="issued"/></td>
                <td class="govuk-table__cell"><xsl:call-template name="state-tag"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:when test="not(@problem)">
        <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.empty</xsl:with-param></xsl:call-template></p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="state-tag">
    <strong>
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@state = 'overdue'">govuk-tag govuk-tag--red</xsl:when>
          <xsl:when test="@state = 'today'">govuk-tag govuk-tag--yellow</xsl:when>
          <xsl:when test="@state = 'issued'">govuk-tag govuk-tag--green</xsl:when>
          <xsl:otherwise>govuk-tag govuk-tag--grey</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.queue.state.', @state)"/></xsl:call-template>
    </strong>
  </xsl:template>
</xsl:stylesheet>
