<?xml version="1.0" encoding="UTF-8"?>
<!-- dates.xsl - dates as words of the reader's language: "6 July 2026", "Monday 6 July 2026".
     Working-day arithmetic comes from cindoc's calendar (urn:cindoc:calendar), the same one the
     print queue uses. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:date="http://exslt.org/dates-and-times"
    xmlns:l10n="urn:cindoc:l10n"
    exclude-result-prefixes="date l10n">

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
    <!-- true after "on" in a sentence: the day's name takes the form the language gives it there -->
    <xsl:param name="on" select="false()"/>
    <xsl:call-template name="t">
      <xsl:with-param name="key" select="'date.day'"/>
      <xsl:with-param name="s1">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="concat('day.', substring('on.', 1, 3 * boolean($on)), date:day-in-week($iso))"/>
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
    <xsl:param name="on" select="false()"/>
    <xsl:choose>
      <xsl:when test="$time">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'date.at.time'"/>
          <xsl:with-param name="s1">
            <xsl:call-template name="day-date">
              <xsl:with-param name="iso" select="$iso"/>
              <xsl:with-param name="on" select="$on"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="s2">
            <xsl:call-template name="clock"><xsl:with-param name="time" select="$time"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="day-date">
          <xsl:with-param name="iso" select="$iso"/>
          <xsl:with-param name="on" select="$on"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A time of day, "16:00" as the case records it. A child reads it the way children are
       taught to say it where their language uses a 12-hour clock (l10n key time.clock = 12):
       "4pm", "3:45pm"; everyone else, and 24-hour languages, read it as recorded. -->
  <xsl:template name="clock">
    <xsl:param name="time"/>
    <xsl:variable name="h" select="number(substring-before($time, ':'))"/>
    <xsl:variable name="m" select="substring-after($time, ':')"/>
    <xsl:choose>
      <xsl:when test="$reader = 'child' and normalize-space(l10n:text($l10n.set, 'time.clock', '')) = '12'
                      and $h &gt;= 0 and $h &lt; 24 and string-length($m) = 2">
        <xsl:variable name="h12" select="($h + 11) mod 12 + 1"/>
        <xsl:call-template name="t">
          <xsl:with-param name="key">
            <xsl:choose>
              <xsl:when test="$h &lt; 12">time.am</xsl:when>
              <xsl:otherwise>time.pm</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="s1">
            <xsl:choose>
              <xsl:when test="$m = '00'"><xsl:value-of select="$h12"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat($h12, ':', $m)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$time"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
