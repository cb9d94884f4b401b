<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:cal="urn:cindoc:calendar" exclude-result-prefixes="cal">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="cal:is-working-day('30/01/2026')"/></xsl:template>
</xsl:stylesheet>
