<?xml version="1.0" encoding="UTF-8"?>
<!-- l10n.xsl - every visible word comes from l10n/LANG.xml, as DocBook's gentext.
     <text key="letter.dear">Dear <slot n="1"/>,</text>: call-template "t" with key and s1..s4.
     Slots take any content (text or FO). A key missing from the set stops the transform: a
     letter never goes out with an empty phrase. A young person of 18 or more ($adult) reads the
     KEY.adult form of a KEY.child where the set has one ("ask an adult you trust" is not for an
     adult). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:exsl="http://exslt.org/common"
    xmlns:l10n="urn:cindoc:l10n"
    exclude-result-prefixes="exsl l10n">

  <xsl:variable name="l10n.file" select="concat('../l10n/', $lang, '.xml')"/>
  <xsl:variable name="l10n.set" select="document($l10n.file)/l10n"/>
  <!-- ltr | rtl -->
  <xsl:variable name="l10n.dir">
    <xsl:choose>
      <xsl:when test="$l10n.set/@dir = 'rtl'">rtl</xsl:when>
      <xsl:otherwise>ltr</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- true() in a right-to-left copy -->
  <xsl:variable name="l10n.rtl" select="$l10n.dir = 'rtl'"/>

  <xsl:template name="t">
    <xsl:param name="key"/>
    <xsl:param name="s1"/>
    <xsl:param name="s2"/>
    <xsl:param name="s3"/>
    <xsl:param name="s4"/>
    <!-- the grammatical gender of the child the words are about: f, m or '' (not recorded) -->
    <xsl:param name="g" select="$child-gender"/>
    <!-- The <text> of the key: by cindoc's table of the set (gen/transform/phrases.h), made once
         for all transforms, not by an index of the set made again in each. A young person of
         18 or more reads a '.child' key's '.adult' form where the set has one. When the set
         has no text for the key, or two, or one that prints nothing, it stops the transform
         with "templates/l10n/LANG.xml: error: no text for 'KEY'": a letter never goes out with
         an empty phrase. -->
    <xsl:variable name="e" select="l10n:text($l10n.set, $key, $adult)"/>
    <xsl:choose>
      <!-- most phrases are words alone: printed as they are -->
      <xsl:when test="not($e/*)"><xsl:value-of select="$e"/></xsl:when>
      <!-- in a left-to-right copy, each slot is its value as given and each <g> the word for
           $g, as the templates below would print them: filled in by cindoc (phrases.h), without
           a template applied to each piece of the phrase -->
      <xsl:when test="not($l10n.rtl)"><xsl:copy-of select="l10n:fill($e, $s1, $s2, $s3, $s4, $g)"/></xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$e/node()" mode="l10n">
          <xsl:with-param name="s1" select="$s1"/>
          <xsl:with-param name="s2" select="$s2"/>
          <xsl:with-param name="s3" select="$s3"/>
          <xsl:with-param name="s4" select="$s4"/>
          <xsl:with-param name="g" select="$g"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A word that agrees with the child's gender (Polish "powiedziałeś" / "powiedziałaś"):
       <g m="..." f="...">both forms</g>; the text between is for a child whose pronouns do not
       say, so nobody is given a gender the case does not record. -->
  <xsl:template match="g" mode="l10n">
    <xsl:param name="g"/>
    <xsl:choose>
      <xsl:when test="$g = 'f' and @f"><xsl:value-of select="@f"/></xsl:when>
      <xsl:when test="$g = 'm' and @m"><xsl:value-of select="@m"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The gender of a child from their recorded pronouns: she/her f, he/him m, else ''. -->
  <xsl:template name="gender-of">
    <xsl:param name="child"/>
    <xsl:variable name="p" select="translate(normalize-space($child/pronouns), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="$p = 'she/her' or $p = 'she/her/hers' or $p = 'she'">f</xsl:when>
      <xsl:when test="$p = 'he/him' or $p = 'he/him/his' or $p = 'he'">m</xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="l10n">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="slot" mode="l10n">
    <xsl:param name="s1"/>
    <xsl:param name="s2"/>
    <xsl:param name="s3"/>
    <xsl:param name="s4"/>
    <xsl:choose>
      <xsl:when test="@n = 1"><xsl:call-template name="slot-value"><xsl:with-param name="v" select="$s1"/></xsl:call-template></xsl:when>
      <xsl:when test="@n = 2"><xsl:call-template name="slot-value"><xsl:with-param name="v" select="$s2"/></xsl:call-template></xsl:when>
      <xsl:when test="@n = 3"><xsl:call-template name="slot-value"><xsl:with-param name="v" select="$s3"/></xsl:call-template></xsl:when>
      <xsl:when test="@n = 4"><xsl:call-template name="slot-value"><xsl:with-param name="v" select="$s4"/></xsl:call-template></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Latin letters, digits and what goes with them in names, numbers and addresses. -->
  <xsl:variable name="l10n.latin">ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜÝŸàáâäçèéêëìíîïñòóôöùúûüýÿĄĆĘŁŃŚŹŻąćęłńśźżŴŶŵŷ0123456789 &#xA0;.,-+()/@&amp;’'</xsl:variable>

  <!-- What a slot holds. In a right-to-left copy, a slot of text written only in Latin letters
       and digits (a name, a phone number, an email, an English team name) is a left-to-right run
       of its own (Unicode isolates: its spaces, digits and brackets keep their order), and when
       it has letters, or is a number longer than a day or a year (a phone number), it is marked
       with the case's language, so that a screen reader reads it in that voice and it is set in
       a Latin font (a Nastaliq font would close up a phone number's spaces). -->
  <xsl:template name="slot-value">
    <xsl:param name="v"/>
    <xsl:choose>
      <!-- the text of $v is made only in a right-to-left copy -->
      <xsl:when test="$l10n.rtl and not(exsl:node-set($v)/*) and normalize-space($v) != ''
                      and translate($v, string($l10n.latin), '') = ''">
        <xsl:variable name="text" select="string($v)"/>
        <xsl:choose>
          <xsl:when test="translate($text, '0123456789 &#xA0;.,-+()/', '') != '' or string-length(normalize-space($text)) &gt; 4">
            <fo:inline xml:lang="{$case/@lang}">&#x2066;<xsl:value-of select="$text"/>&#x2069;</fo:inline>
          </xsl:when>
          <xsl:otherwise>&#x2066;<xsl:value-of select="$text"/>&#x2069;</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:copy-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text of a key as a string (for attributes, bookmarks). -->
  <xsl:template name="t-string">
    <xsl:param name="key"/>
    <xsl:param name="s1"/>
    <xsl:variable name="r">
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="$key"/>
        <xsl:with-param name="s1" select="$s1"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="normalize-space($r)"/>
  </xsl:template>
</xsl:stylesheet>
