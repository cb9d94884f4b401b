<?xml version="1.0" encoding="UTF-8"?>
<!-- error.xsl - a page that says why a request was refused or failed (404, 403, 413 ...). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key" select="concat(key, '.title')"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">
          <xsl:call-template name="w"><xsl:with-param name="key" select="concat(key, '.title')"/></xsl:call-template>
        </h1>
        <p class="govuk-body">
          <xsl:call-template name="w"><xsl:with-param name="key" select="key"/></xsl:call-template>
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href="/cases">
            <xsl:call-template name="w"><xsl:with-param name="key">web.error.back</xsl:with-param></xsl:call-template>
          </a>
        </p>
      </div>
    </div>
  </xsl:template>
</xsl:stylesheet>
