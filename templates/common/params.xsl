<?xml version="1.0" encoding="UTF-8"?>
<!-- params.xsl - what cindoc passes to every transform (gen/documents.c), and what follows from it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <!-- plan | minutes | plan-copy | closure-letter | case-note | closing-summary -->
  <xsl:param name="doc" select="''"/>
  <!-- the id of the child or person the copy is for, or 'file' -->
  <xsl:param name="recipient" select="'file'"/>
  <!-- of a letter to two people together (two parents at one address): the second one's id -->
  <xsl:param name="with" select="''"/>
  <!-- child | family | professional | file: picks the wording of letters -->
  <xsl:param name="reader" select="'file'"/>
  <!-- the meeting the document is about (empty for closure documents) -->
  <xsl:param name="meeting" select="''"/>
  <!-- the language set: l10n/LANG.xml -->
  <xsl:param name="lang" select="'en'"/>
  <!-- the plan version: full | short | overview -->
  <xsl:param name="version" select="'full'"/>
  <!-- the document date, YYYY-MM-DD -->
  <xsl:param name="date" select="''"/>
  <!-- 'yes' when a closure letter carries the final minutes (of $meeting), whose plan copy is
       never sent once the plan has ended -->
  <xsl:param name="final-minutes" select="''"/>
  <!-- 'yes' when a young person of 18 or more reads the copy (cd_rule_adult_reader): written to
       as an adult, where the words have an adult form -->
  <xsl:param name="adult" select="''"/>
  <!-- the ids of those who sign the plan's agreement page (cd_rule_signs_plan), space-separated -->
  <xsl:param name="signers" select="''"/>
  <!-- the style's name, and the case file's name (for messages) -->
  <xsl:param name="style" select="'standard'"/>
  <xsl:param name="source" select="'case'"/>

  <!-- The case as this copy reads it: its case text in the copy's language where the case has a
       translation, each element of it saying its language in `lang` (made so before the
       templates see it: gen/transform/documents.c, resolve_translations). -->
  <xsl:variable name="case" select="/case"/>
  <xsl:variable name="the-meeting" select="$case/meetings/meeting[@id = $meeting]"/>
  <xsl:variable name="the-closure" select="$case/closure"/>
  <xsl:variable name="the-recipient" select="$case/children/child[@id = $recipient] | $case/people/person[@id = $recipient]"/>
  <!-- The second person a letter to two is written to; empty otherwise. -->
  <xsl:variable name="the-other" select="$case/people/person[$with != '' and @id = $with]"/>
  <!-- The children the document is about: all children of the case, or those a closure names. -->
  <xsl:variable name="subjects" select="$case/children/child"/>
  <!-- The gender words addressed to the child agree with (l10n <g>): the reader's own when a
       child reads, else the children's when they all share one, else none. -->
  <xsl:variable name="child-gender">
    <xsl:variable name="all">
      <xsl:for-each select="$the-recipient[self::child] | $subjects[not($the-recipient[self::child])]">
        <xsl:call-template name="gender-of"><xsl:with-param name="child" select="."/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($all, 'f') and translate($all, 'f.', '') = '' and not(contains(concat('.', $all), '..'))">f</xsl:when>
      <xsl:when test="contains($all, 'm') and translate($all, 'm.', '') = '' and not(contains(concat('.', $all), '..'))">m</xsl:when>
    </xsl:choose>
  </xsl:variable>
</xsl:stylesheet>
