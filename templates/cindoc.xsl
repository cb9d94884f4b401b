<?xml version="1.0" encoding="UTF-8"?>
<!-- cindoc.xsl - the templates: a plain list of includes, as DocBook's fo/docbook.xsl.
     Structure only: what is said and in what order. Words come from l10n/LANG.xml (common/l10n.xsl),
     looks from the style that imports this file (styles/standard.xsl, styles/large-print.xsl). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:include href="common/params.xsl"/>
  <xsl:include href="common/translations.xsl"/>
  <xsl:include href="common/l10n.xsl"/>
  <xsl:include href="common/dates.xsl"/>
  <xsl:include href="common/names.xsl"/>
  <xsl:include href="common/blocks.xsl"/>
  <xsl:include href="common/pages.xsl"/>
  <xsl:include href="common/letter.xsl"/>
  <xsl:include href="plan.xsl"/>
  <xsl:include href="minutes.xsl"/>
  <xsl:include href="plan-copy.xsl"/>
  <xsl:include href="closure-letter.xsl"/>
  <xsl:include href="case-note.xsl"/>
  <xsl:include href="closing-summary.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>
  <!-- the words of l10n/LANG.xml keep their spaces between slots -->
  <xsl:preserve-space elements="text"/>

  <!-- The document named by $doc, for $recipient. Its marks (cd:case, cd:notice) are taken off
       and its quotation marks made typographic once it is made (gen/transform/typography.h). -->
  <xsl:template match="/">
    <xsl:if test="not(case)">
      <xsl:message terminate="yes"><xsl:value-of select="$source"/>: error: the root element is not 'case'</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$case" mode="document"/>
  </xsl:template>

  <xsl:template match="case" mode="document">
    <fo:root language="{$lang}">
      <xsl:call-template name="layout-master-set"/>
      <xsl:call-template name="declarations"/>
      <xsl:call-template name="bookmarks"/>
      <xsl:choose>
        <xsl:when test="$doc = 'plan'"><xsl:apply-templates select="." mode="plan"/></xsl:when>
        <xsl:when test="$doc = 'minutes'"><xsl:apply-templates select="." mode="minutes"/></xsl:when>
        <xsl:when test="$doc = 'plan-copy'"><xsl:apply-templates select="." mode="plan-copy"/></xsl:when>
        <xsl:when test="$doc = 'closure-letter'"><xsl:apply-templates select="." mode="closure-letter"/></xsl:when>
        <xsl:when test="$doc = 'case-note'"><xsl:apply-templates select="." mode="case-note"/></xsl:when>
        <xsl:when test="$doc = 'closing-summary'"><xsl:apply-templates select="." mode="closing-summary"/></xsl:when>
        <xsl:otherwise>
          <xsl:message terminate="yes">cindoc: error: unknown document '<xsl:value-of select="$doc"/>'</xsl:message>
        </xsl:otherwise>
      </xsl:choose>
    </fo:root>
  </xsl:template>
</xsl:stylesheet>
