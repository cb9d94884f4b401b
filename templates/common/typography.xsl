<?xml version="1.0" encoding="UTF-8"?>
<!-- typography.xsl - the last step of every document: the text of the FO, words of l10n/LANG.xml
     and case text alike, gets typographic quotation marks and apostrophes. A straight ' after a
     letter or digit is an apostrophe (’), elsewhere an opening mark (‘); a straight " opens (“)
     at the start or after a space or bracket and closes (”) elsewhere. Everything else is copied
     as it is. A doubled full stop (an abbreviation's and the sentence's) becomes one. The marks
     of cindoc's own namespace (cd:case on case text, cd:notice) are taken off here. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cd="urn:cindoc:marks"
    exclude-result-prefixes="cd">

  <!-- An element is copied with its attributes as they are (attributes are never changed here:
       copied at once, not each through a template), then its content. -->
  <xsl:template match="*" mode="typography">
    <xsl:copy><xsl:copy-of select="@*"/><xsl:apply-templates mode="typography"/></xsl:copy>
  </xsl:template>

  <xsl:template match="@* | comment() | processing-instruction()" mode="typography">
    <xsl:copy/>
  </xsl:template>

  <!-- an element with a mark: made anew, so that the FO does not declare the marks' namespace -->
  <xsl:template match="*[@cd:*]" mode="typography">
    <xsl:element name="{name()}" namespace="{namespace-uri()}">
      <xsl:copy-of select="@*[namespace-uri() != 'urn:cindoc:marks']"/>
      <xsl:apply-templates mode="typography"/>
    </xsl:element>
  </xsl:template>

  <!-- The notice that some parts are in the record's language (common/pages.xsl): only in a
       copy that prints some case text in another language than its own. -->
  <xsl:template match="*[@cd:notice]" mode="typography" priority="1">
    <xsl:if test="//*[@cd:case and @cd:case != $lang]">
      <xsl:element name="{name()}" namespace="{namespace-uri()}">
        <xsl:copy-of select="@*[namespace-uri() != 'urn:cindoc:marks']"/>
        <xsl:apply-templates mode="typography"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- Most text has neither a doubled stop nor a straight mark: it is copied as it is, with no
       intermediate text made for it. -->
  <xsl:template match="text()" mode="typography">
    <xsl:choose>
      <xsl:when test="contains(., '..')">
        <xsl:variable name="s">
          <xsl:call-template name="one-stop"><xsl:with-param name="s" select="string(.)"/></xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="curly"><xsl:with-param name="s" select="string($s)"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="contains(., '&quot;') or contains(., &quot;'&quot;)">
        <xsl:call-template name="curly"><xsl:with-param name="s" select="string(.)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:copy/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A full stop that ends an abbreviation also ends the sentence: "2026 r." and the
       sentence's own stop make one ("2026 r.", not "2026 r.."); an ellipsis stays. -->
  <xsl:template name="one-stop">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '..')">
        <xsl:variable name="after" select="substring-after($s, '..')"/>
        <xsl:value-of select="substring-before($s, '..')"/>
        <xsl:choose>
          <xsl:when test="starts-with($after, '.')">
            <xsl:text>...</xsl:text>
            <xsl:call-template name="one-stop"><xsl:with-param name="s" select="substring($after, 2)"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>.</xsl:text>
            <xsl:call-template name="one-stop"><xsl:with-param name="s" select="$after"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- $s with its straight marks made curly; $before is the character before $s ('' at the start). -->
  <xsl:template name="curly">
    <xsl:param name="s"/>
    <xsl:param name="before" select="''"/>
    <xsl:variable name="q1" select="&quot;'&quot;"/>
    <xsl:variable name="q2" select="'&quot;'"/>
    <!-- the text up to the first straight mark -->
    <xsl:variable name="head" select="substring-before(translate($s, $q2, $q1), $q1)"/>
    <xsl:choose>
      <xsl:when test="not(contains($s, $q1) or contains($s, $q2))"><xsl:value-of select="$s"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="mark" select="substring($s, string-length($head) + 1, 1)"/>
        <xsl:variable name="prev">
          <xsl:choose>
            <xsl:when test="$head != ''"><xsl:value-of select="substring($head, string-length($head))"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$before"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <!-- opening: at the start, or after white space, an opening bracket or an opening mark -->
        <xsl:variable name="opening" select="$prev = '' or contains(' &#9;&#10;&#13;([{‘“„—–-/', $prev)"/>
        <xsl:value-of select="$head"/>
        <xsl:choose>
          <xsl:when test="$mark = $q2 and $opening">“</xsl:when>
          <xsl:when test="$mark = $q2">”</xsl:when>
          <xsl:when test="$opening">‘</xsl:when>
          <xsl:otherwise>’</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="curly">
          <xsl:with-param name="s" select="substring($s, string-length($head) + 2)"/>
          <xsl:with-param name="before" select="$mark"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
