<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:cal="urn:cindoc:calendar" exclude-result-prefixes="cal">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="cal:add-months('9999-12-01', 1)"/></xsl:template>
</xsl:stylesheet>
