<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:rules="urn:cindoc:rules" exclude-result-prefixes="rules">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="rules:due('minutes-sent', '2026-13-05')"/></xsl:template>
</xsl:stylesheet>
