<?xml version="1.0" encoding="UTF-8"?>
<!-- history.xsl - the saved versions of a case, newest first, with who saved each and when. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key">web.history.title</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="before-main">
    <a href="/case/{@case}" class="govuk-back-link"><xsl:call-template name="w"><xsl:with-param name="key">web.back</xsl:with-param></xsl:call-template></a>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <span class="govuk-caption-l"><xsl:value-of select="@ref"/></span>
    <h1 class="govuk-heading-l"><xsl:call-template name="w"><xsl:with-param name="key">web.history.title</xsl:with-param></xsl:call-template></h1>
    <xsl:for-each select="problem">
      <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key" select="@key"/></xsl:call-template></p>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="version">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.history.title</xsl:with-param></xsl:call-template></caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.history.col.version</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.history.col.saved</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.history.col.by</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.history.col.now</xsl:with-param></xsl:call-template></th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            <xsl:for-each select="version">
              <tr class="govuk-table__row">
                <td class="govuk-table__cell"><xsl:value-of select="@seq"/></td>
                <td class="govuk-table__cell">
                  <xsl:call-template name="w">
                    <xsl:with-param name="key">web.history.at</xsl:with-param>
                    <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="substring(@saved, 1, 10)"/></xsl:call-template></xsl:with-param>
                    <xsl:with-param name="s2" select="substring(@saved, 12, 5)"/>
                  </xsl:call-template>
                </td>
                <td class="govuk-table__cell">
                  <xsl:choose>
                    <xsl:when test="@user = '-'"><xsl:call-template name="w"><xsl:with-param name="key">web.history.outside</xsl:with-param></xsl:call-template></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@user"/></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td class="govuk-table__cell">
                  <xsl:if test="@current">
                    <strong class="govuk-tag govuk-tag--green"><xsl:call-template name="w"><xsl:with-param name="key">web.history.current</xsl:with-param></xsl:call-template></strong>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.history.none</xsl:with-param></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
