<?xml version="1.0" encoding="UTF-8"?>
<!-- preview.xsl - a copy as its reader gets it: choose the document, the reader and the meeting;
     the pages as images, and the PDF. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:variable name="case" select="/page/case"/>
  <xsl:variable name="who">
    <xsl:choose>
      <xsl:when test="/page/@for = 'file'"><xsl:call-template name="ws"><xsl:with-param name="key">web.preview.file</xsl:with-param></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="name-of"><xsl:with-param name="id" select="/page/@for"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key">web.preview.title</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="before-main">
    <xsl:choose>
      <xsl:when test="@draft">
        <a href="/case/{@case}/write/check" class="govuk-back-link"><xsl:call-template name="w"><xsl:with-param name="key">web.back</xsl:with-param></xsl:call-template></a>
      </xsl:when>
      <xsl:otherwise>
        <a href="/case/{@case}" class="govuk-back-link"><xsl:call-template name="w"><xsl:with-param name="key">web.back</xsl:with-param></xsl:call-template></a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <span class="govuk-caption-l"><xsl:value-of select="$case/@ref"/></span>
    <h1 class="govuk-heading-l">
      <xsl:call-template name="w"><xsl:with-param name="key">web.preview.title</xsl:with-param></xsl:call-template>
    </h1>
    <form method="get" action="/case/{@case}/preview" class="desk-preview-form">
      <xsl:if test="@draft"><input type="hidden" name="draft" value="1"/></xsl:if>
      <div class="govuk-form-group">
        <label class="govuk-label" for="doc"><xsl:call-template name="w"><xsl:with-param name="key">web.preview.doc</xsl:with-param></xsl:call-template></label>
        <select class="govuk-select" id="doc" name="doc">
          <xsl:call-template name="option"><xsl:with-param name="v">minutes</xsl:with-param><xsl:with-param name="cur" select="@doc"/></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="v">plan</xsl:with-param><xsl:with-param name="cur" select="@doc"/></xsl:call-template>
          <xsl:call-template name="option"><xsl:with-param name="v">plan-copy</xsl:with-param><xsl:with-param name="cur" select="@doc"/></xsl:call-template>
        </select>
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for="for"><xsl:call-template name="w"><xsl:with-param name="key">web.preview.for</xsl:with-param></xsl:call-template></label>
        <select class="govuk-select" id="for" name="for">
          <option value="file">
            <xsl:if test="@for = 'file'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:call-template name="w"><xsl:with-param name="key">web.preview.file</xsl:with-param></xsl:call-template>
          </option>
          <xsl:for-each select="$case/children/child | $case/people/person">
            <option value="{@id}">
              <xsl:if test="/page/@for = current()/@id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:apply-templates select="." mode="name"/>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <xsl:if test="not(@draft)">
        <div class="govuk-form-group">
          <label class="govuk-label" for="meeting"><xsl:call-template name="w"><xsl:with-param name="key">web.preview.meeting</xsl:with-param></xsl:call-template></label>
          <select class="govuk-select" id="meeting" name="meeting">
            <xsl:for-each select="$case/meetings/meeting">
              <xsl:sort select="@date" order="descending"/>
              <option value="{@id}">
                <xsl:if test="/page/@meeting = current()/@id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:call-template name="w">
                  <xsl:with-param name="key" select="concat('web.meeting.type.', @type)"/>
                  <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
              </option>
            </xsl:for-each>
          </select>
        </div>
      </xsl:if>
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
        <xsl:call-template name="w"><xsl:with-param name="key">web.preview.show</xsl:with-param></xsl:call-template>
      </button>
    </form>
    <xsl:for-each select="problem">
      <div class="govuk-error-summary" data-module="govuk-error-summary">
        <div role="alert">
          <h2 class="govuk-error-summary__title"><xsl:call-template name="w"><xsl:with-param name="key">web.error.summary</xsl:with-param></xsl:call-template></h2>
          <div class="govuk-error-summary__body">
            <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key" select="@key"/></xsl:call-template></p>
            <ul class="govuk-list">
              <xsl:for-each select="/page/detail"><li><xsl:value-of select="."/></li></xsl:for-each>
            </ul>
          </div>
        </div>
      </div>
    </xsl:for-each>
    <xsl:if test="@token">
      <p class="govuk-body">
        <xsl:call-template name="w">
          <xsl:with-param name="key">web.preview.shown</xsl:with-param>
          <xsl:with-param name="s1"><xsl:call-template name="ws"><xsl:with-param name="key" select="concat('web.preview.doc.', @doc)"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="s2" select="string($who)"/>
          <xsl:with-param name="s3" select="string(count(image))"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <a class="govuk-link" href="/case/{@case}/preview/{@token}-copy.pdf">
          <xsl:call-template name="w"><xsl:with-param name="key">web.preview.pdf</xsl:with-param></xsl:call-template>
        </a>
      </p>
      <xsl:for-each select="image">
        <img class="desk-page-image" src="/case/{/page/@case}/preview/{/page/@token}-page-{@n}">
          <xsl:attribute name="alt">
            <xsl:call-template name="ws">
              <xsl:with-param name="key">web.preview.alt</xsl:with-param>
              <xsl:with-param name="s1" select="string(position())"/>
            </xsl:call-template>
          </xsl:attribute>
        </img>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template name="option">
    <xsl:param name="v"/>
    <xsl:param name="cur"/>
    <option value="{$v}">
      <xsl:if test="$cur = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.preview.doc.', $v)"/></xsl:call-template>
    </option>
  </xsl:template>
</xsl:stylesheet>
