<?xml version="1.0" encoding="UTF-8"?>
<!-- translations.xsl - case text in the reader's language where the case records it.
     Case text is written in the record's language (case/@lang); an element of it may be followed
     by its translations, siblings of the same name with `lang` (templates/case.xsd). Before a
     document is made, the case is read once in mode "resolve": each element of case text comes
     out with `lang`, the language of the words it now holds: the translation into the copy's
     language when there is one (not for the file copy, which keeps the record as written), else
     the original in the record's language; translations themselves are dropped. Every template
     then prints case text as before, and marks it with its own `lang`
     (common/blocks.xsl: "case-lang"), so a screen reader reads each part in its language and the
     "some parts are in English" notice goes only in copies that still hold some. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Everything else as it is; an element's attributes at once, not each through a template. -->
  <xsl:template match="*" mode="resolve">
    <xsl:copy><xsl:copy-of select="@*"/><xsl:apply-templates mode="resolve"/></xsl:copy>
  </xsl:template>

  <xsl:template match="@* | text() | comment() | processing-instruction()" mode="resolve">
    <xsl:copy/>
  </xsl:template>

  <!-- A translation: printed in place of its original, never on its own. -->
  <xsl:template mode="resolve" match="p[@lang] | quote[@lang] | not-sought[@lang] | service[@lang] |
      report[@lang] | access[@lang] | transport[@lang] | need[@lang] | obstacles[@lang] | how[@lang] |
      goal[@lang] | late[@lang] | why-removed[@lang] | score[@lang] | question[@lang] | zero[@lang] |
      ten[@lang]"/>

  <!-- An original: its translation into the copy's language when the case has one. -->
  <xsl:template mode="resolve" match="p | quote | not-sought | service | report | access | transport |
      need | obstacles | how | goal | late | why-removed | score | question | zero | ten">
    <xsl:variable name="name" select="local-name()"/>
    <xsl:variable name="me" select="generate-id()"/>
    <!-- its translations: the siblings of its name with a lang before the next original -->
    <xsl:variable name="tr" select="following-sibling::*[local-name() = $name][@lang = $lang]
        [generate-id(preceding-sibling::*[local-name() = $name][not(@lang)][1]) = $me][1]"/>
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="resolve"/>
      <xsl:choose>
        <xsl:when test="$tr and $reader != 'file' and $lang != string(/case/@lang)">
          <xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute>
          <xsl:value-of select="$tr"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="lang"><xsl:value-of select="/case/@lang"/></xsl:attribute>
          <xsl:apply-templates select="node()" mode="resolve"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
