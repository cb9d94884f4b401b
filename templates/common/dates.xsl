<?xml version="1.0" encoding="UTF-8"?>
<!-- dates.xsl - dates as words of the reader's language: "6 July 2026", "Monday 6 July 2026".
     Working-day arithmetic comes from cindoc's calendar (urn:cindoc:calendar), the same one the
     print queue uses. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:date="http://exslt.org/dates-and-times"
    exclude-result-prefixes="date">

  <!-- "6 July 2026" -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:call-template name="t">
      <xsl:with-param name="key" select="'date.long'"/>
      <xsl:with-param name="s1" select="number(substring($iso, 9, 2))"/>
      <xsl:with-param name="s2">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="concat('month.', number(substring($iso, 6, 2)))"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="s3" select="substring($iso, 1, 4)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "Monday 6 July 2026" -->
  <xsl:template name="day-date">
    <xsl:param name="iso"/>
    <xsl:call-template name="t">
      <xsl:with-param name="key" select="'date.day'"/>
      <xsl:with-param name="s1">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="concat('day.', date:day-in-week($iso))"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="s2">
        <xsl:call-template name="date">
          <xsl:with-param name="iso" select="$iso"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "Monday 6 July 2026 at 10:00" -->
  <xsl:template name="day-date-time">
    <xsl:param name="iso"/>
    <xsl:param name="time"/>
    <xsl:choose>
      <xsl:when test="$time">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'date.at.time'"/>
          <xsl:with-param name="s1">
            <xsl:call-template name="day-date"><xsl:with-param name="iso" select="$iso"/></xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="s2" select="$time"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="day-date"><xsl:with-param name="iso" select="$iso"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
