<?xml version="1.0" encoding="UTF-8"?>
<!-- login.xsl - the sign-in page: user name and password. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key">web.login.title</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <xsl:call-template name="error-summary"/>
        <h1 class="govuk-heading-l">
          <xsl:call-template name="w"><xsl:with-param name="key">web.login.title</xsl:with-param></xsl:call-template>
        </h1>
        <p class="govuk-body">
          <xsl:call-template name="w"><xsl:with-param name="key">web.login.intro</xsl:with-param></xsl:call-template>
        </p>
        <form method="post" action="/login" novalidate="novalidate">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="next" value="{next}"/>
          <xsl:call-template name="input">
            <xsl:with-param name="name">user</xsl:with-param>
            <xsl:with-param name="label">web.login.user</xsl:with-param>
            <xsl:with-param name="value" select="name"/>
            <xsl:with-param name="width">20</xsl:with-param>
            <xsl:with-param name="autocomplete">username</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input">
            <xsl:with-param name="name">password</xsl:with-param>
            <xsl:with-param name="label">web.login.password</xsl:with-param>
            <xsl:with-param name="width">20</xsl:with-param>
            <xsl:with-param name="type">password</xsl:with-param>
            <xsl:with-param name="autocomplete">current-password</xsl:with-param>
          </xsl:call-template>
          <button type="submit" class="govuk-button" data-module="govuk-button">
            <xsl:call-template name="w"><xsl:with-param name="key">web.login.submit</xsl:with-param></xsl:call-template>
          </button>
        </form>
      </div>
    </div>
  </xsl:template>
</xsl:stylesheet>
