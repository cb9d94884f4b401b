<?xml version="1.0"?>
<!-- Every timescale of the rules of the case (rules:due) on a few dates. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:rules="urn:cindoc:rules" exclude-result-prefixes="rules">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="dates/meeting">
      <xsl:value-of select="concat(@date,
        ' initial-meeting=', rules:due('initial-meeting', @date),
        ' transfer-in-meeting=', rules:due('transfer-in-meeting', @date),
        ' child-protection-meeting=', rules:due('child-protection-meeting', @date),
        ' case-note=', rules:due('case-note', @date),
        ' plan-authorised=', rules:due('plan-authorised', @date),
        ' minutes-sent=', rules:due('minutes-sent', @date),
        ' review=', rules:due('review', @date),
        ' review-disabled-first=', rules:due('review-disabled-first', @date),
        ' review-disabled=', rules:due('review-disabled', @date),
        ' visit=', rules:due('visit', @date),
        ' plan-length=', rules:due('plan-length', @date),
        ' eighteen=', rules:due('eighteen', @date),
        ' closure-letters=', rules:due('closure-letters', @date))"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
