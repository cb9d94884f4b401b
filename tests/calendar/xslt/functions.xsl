<?xml version="1.0"?>
<!-- Every calendar function on a few dates; the output is compared with cindoc calendar's. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:cal="urn:cindoc:calendar" exclude-result-prefixes="cal">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="dates/meeting">
      <xsl:value-of select="concat(@date,
        ' add10=', cal:add-working-days(@date, 10),
        ' add-3=', cal:add-working-days(@date, -3),
        ' add0=', cal:add-working-days(@date, 0),
        ' between=', cal:working-days-between(@date, cal:add-days(@date, 14)),
        ' back=', cal:working-days-between(cal:add-days(@date, 14), @date),
        ' working=', cal:is-working-day(@date),
        ' next=', cal:next-working-day(cal:add-days(@date, 1)),
        ' holiday=[', cal:holiday-name(cal:add-days(@date, 1)), ']',
        ' +1w=', cal:add-weeks(@date, 1),
        ' +1m=', cal:add-months(@date, 1),
        ' -12m=', cal:add-months(@date, -12),
        ' days=', cal:days-between(@date, '2027-01-01'),
        ' weekday=', cal:weekday(@date),
        ' age=', cal:age('2015-02-28', @date))"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:value-of select="concat('leap-day age: ', cal:age('2012-02-29', '2027-02-28'), ' ', cal:age('2012-02-29', '2027-03-01'), '&#10;')"/>
    <xsl:value-of select="concat('number argument: ', cal:add-working-days('2026-06-05', 1 + 1), '&#10;')"/>
  </xsl:template>
</xsl:stylesheet>
