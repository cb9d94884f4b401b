<?xml version="1.0" encoding="UTF-8"?>
<!-- blocks.xsl - headings, paragraphs, lists and the case's own text.
     Headings carry role="H1".."H3" so that they become PDF structure tags. Case text (p, quote,
     service...) is copied as written: a child's words are never paraphrased. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:cd="urn:cindoc:marks"
    exclude-result-prefixes="cd">

  <!-- The document title (H1) with an optional subtitle. -->
  <xsl:template name="title">
    <xsl:param name="key"/>
    <xsl:param name="s1"/>
    <xsl:param name="subtitle"/>
    <xsl:param name="id" select="''"/>
    <fo:block xsl:use-attribute-sets="title.properties" role="H1">
      <xsl:if test="$id"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="$key"/>
        <xsl:with-param name="s1" select="$s1"/>
      </xsl:call-template>
    </fo:block>
    <xsl:if test="string($subtitle)">
      <fo:block xsl:use-attribute-sets="subtitle.properties" role="P">
        <xsl:copy-of select="$subtitle"/>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <!-- A section heading (H2), its words from key with slot s1. -->
  <xsl:template name="h2">
    <xsl:param name="key"/>
    <xsl:param name="s1"/>
    <xsl:param name="s2"/>
    <fo:block xsl:use-attribute-sets="section.title.level1.properties" role="H2">
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="$key"/>
        <xsl:with-param name="s1" select="$s1"/>
        <xsl:with-param name="s2" select="$s2"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <xsl:template name="h3">
    <xsl:param name="key"/>
    <xsl:param name="s1"/>
    <xsl:param name="s2"/>
    <fo:block xsl:use-attribute-sets="section.title.level2.properties" role="H3">
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="$key"/>
        <xsl:with-param name="s1" select="$s1"/>
        <xsl:with-param name="s2" select="$s2"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- A paragraph of our words. -->
  <xsl:template name="para">
    <xsl:param name="key"/>
    <xsl:param name="s1"/>
    <xsl:param name="s2"/>
    <xsl:param name="s3"/>
    <xsl:param name="s4"/>
    <fo:block xsl:use-attribute-sets="para.properties" role="P">
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="$key"/>
        <xsl:with-param name="s1" select="$s1"/>
        <xsl:with-param name="s2" select="$s2"/>
        <xsl:with-param name="s3" select="$s3"/>
        <xsl:with-param name="s4" select="$s4"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- A bold lead-in line ("You told us:"). -->
  <xsl:template name="lead">
    <xsl:param name="key"/>
    <xsl:param name="s1"/>
    <xsl:param name="s2"/>
    <xsl:param name="g" select="$child-gender"/>
    <fo:block xsl:use-attribute-sets="lead.properties" role="P">
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="$key"/>
        <xsl:with-param name="s1" select="$s1"/>
        <xsl:with-param name="s2" select="$s2"/>
        <xsl:with-param name="g" select="$g"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- Case text is in the language of its words: the record's ($case/@lang), or the copy's where
       the case has a translation (gen/transform/documents.c gives each element its lang). Its FO
       element says that language, so a screen reader reads it in the right voice, and carries
       the mark cd:case (taken off by the typography pass, gen/transform/typography.h), by which
       the copy knows whether it prints case text in another language than its own and must say
       so (pages.xsl). -->
  <xsl:template name="case-lang">
    <xsl:param name="n" select="."/>
    <!-- its own lang, else the case's -->
    <xsl:variable name="l" select="string($n/@lang | $case/@lang[not($n/@lang)])"/>
    <xsl:attribute name="language"><xsl:value-of select="$l"/></xsl:attribute>
    <xsl:attribute name="cd:case"><xsl:value-of select="$l"/></xsl:attribute>
  </xsl:template>
  <!-- Case text inside a sentence of ours (a slot): in another language than the copy's, an
       inline in its own language; in a right to left copy, words left untranslated are a
       left-to-right run of their own (isolates). -->
  <xsl:template name="case-inline">
    <xsl:param name="n" select="."/>
    <xsl:variable name="ltr-run" select="$l10n.rtl and string($n/@lang) != $lang"/>
    <xsl:choose>
      <xsl:when test="string($n/@lang) = $lang or not($n/@lang) and string($case/@lang) = $lang">
        <xsl:value-of select="normalize-space($n)"/>
      </xsl:when>
      <xsl:otherwise>
        <fo:inline>
          <xsl:call-template name="case-lang"><xsl:with-param name="n" select="$n"/></xsl:call-template>
          <xsl:if test="$ltr-run">&#x2066;</xsl:if>
          <xsl:value-of select="normalize-space($n)"/>
          <xsl:if test="$ltr-run">&#x2069;</xsl:if>
        </fo:inline>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- A paragraph written for one kind of reader (p/@for) is in their copies only: "child" in a
       child's, "adults" in everyone else's (the file's too). -->
  <xsl:template match="p" mode="text">
    <xsl:if test="not(@for) or (@for = 'child') = ($reader = 'child')">
      <fo:block xsl:use-attribute-sets="para.properties" role="P"><xsl:call-template name="case-lang"/><xsl:value-of select="normalize-space(.)"/></fo:block>
    </xsl:if>
  </xsl:template>
  <!-- A quote: the person's own words, exactly as given, in quotation marks of the language. -->
  <xsl:template match="quote" mode="text">
    <fo:block xsl:use-attribute-sets="quote.properties" role="P">
      <xsl:call-template name="case-lang"/>
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="'quote'"/>
        <xsl:with-param name="s1" select="string(.)"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>
  <!-- What someone else passed on about a child is reported speech, not the child's own quoted
       words: no quotation marks (the lead before it says who told us). -->
  <xsl:template match="child-views[@given = 'reported']/quote" mode="text">
    <fo:block xsl:use-attribute-sets="para.properties" role="P"><xsl:call-template name="case-lang"/><xsl:value-of select="normalize-space(.)"/></fo:block>
  </xsl:template>
  <xsl:template match="*" mode="text">
    <xsl:choose>
      <xsl:when test="p | quote"><xsl:apply-templates select="p | quote" mode="text"/></xsl:when>
      <xsl:when test="normalize-space(.)">
        <fo:block xsl:use-attribute-sets="para.properties" role="P"><xsl:call-template name="case-lang"/><xsl:value-of select="normalize-space(.)"/></fo:block>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A bulleted list of case text items (each element one item). -->
  <xsl:template name="bullets">
    <xsl:param name="items"/>
    <xsl:if test="$items">
      <fo:list-block xsl:use-attribute-sets="list.properties" role="L">
        <xsl:for-each select="$items">
          <fo:list-item xsl:use-attribute-sets="list.item.properties" role="LI">
            <fo:list-item-label end-indent="label-end()" role="Lbl"><fo:block>&#x2022;</fo:block></fo:list-item-label>
            <fo:list-item-body start-indent="body-start()" role="LBody">
              <fo:block><xsl:call-template name="case-lang"><xsl:with-param name="n" select="(. | p)[last()]"/></xsl:call-template><xsl:apply-templates select="." mode="inline"/></fo:block>
            </fo:list-item-body>
          </fo:list-item>
        </xsl:for-each>
      </fo:list-block>
    </xsl:if>
  </xsl:template>

  <!-- Case text inline (inside a list item or a table cell): paragraphs become blocks only when
       there are several. -->
  <xsl:template match="*" mode="inline">
    <xsl:choose>
      <xsl:when test="count(p) &gt; 1">
        <xsl:for-each select="p"><fo:block><xsl:call-template name="case-lang"/><xsl:value-of select="normalize-space(.)"/></fo:block></xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A shaded box around content (the safety plan, contacts). -->
  <xsl:template name="box">
    <xsl:param name="content"/>
    <fo:block xsl:use-attribute-sets="box.properties">
      <xsl:copy-of select="$content"/>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
