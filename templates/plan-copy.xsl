<?xml version="1.0" encoding="UTF-8"?>
<!-- plan-copy.xsl - what each person at the meeting (and each person agreed at it) receives:
     a cover letter, the plan in the version they chose (Appendix 1: the same as the workers, a
     short version, or just an overview), and the minutes, which go out with the plan
     (seed 003 section 5). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:rules="urn:cindoc:rules"
    exclude-result-prefixes="rules">

  <xsl:template match="case" mode="plan-copy">
    <xsl:variable name="m" select="$the-meeting"/>
    <xsl:variable name="when">
      <xsl:call-template name="date"><xsl:with-param name="iso" select="$m/@date"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="names"><xsl:call-template name="child-names"/></xsl:variable>
    <xsl:call-template name="page-sequence">
      <xsl:with-param name="part" select="'letter'"/>
      <xsl:with-param name="last" select="'minutes'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="letter">
          <xsl:with-param name="to" select="$the-recipient"/>
          <xsl:with-param name="subject">
            <xsl:call-template name="t">
              <xsl:with-param name="key" select="concat('plancopy.subject.', $reader)"/>
              <xsl:with-param name="s1" select="$names"/>
              <xsl:with-param name="s2" select="$when"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="body">
            <xsl:call-template name="letter-late">
              <xsl:with-param name="due" select="rules:due('minutes-sent', string($m/@date))"/>
            </xsl:call-template>
            <xsl:call-template name="para">
              <xsl:with-param name="key" select="concat('plancopy.body.', $reader)"/>
              <xsl:with-param name="s1" select="$names"/>
              <xsl:with-param name="s2" select="$when"/>
            </xsl:call-template>
            <xsl:call-template name="para">
              <xsl:with-param name="key" select="concat('plancopy.version.', $version)"/>
            </xsl:call-template>
            <xsl:call-template name="para">
              <xsl:with-param name="key" select="concat('plancopy.check.', $reader)"/>
            </xsl:call-template>
            <!-- a young person of 18 or more: where adult services are -->
            <xsl:if test="$adult = 'yes' and $reader = 'child'">
              <xsl:call-template name="adult-services"/>
            </xsl:if>
            <!-- a copy sent late does not name a next meeting that has already been held -->
            <xsl:if test="$m/next and number(translate($m/next/@date, '-', '')) &gt;= number(translate($date, '-', ''))">
              <xsl:call-template name="para">
                <xsl:with-param name="key" select="'plancopy.next'"/>
                <xsl:with-param name="s1">
                  <xsl:call-template name="day-date-time">
                    <xsl:with-param name="iso" select="$m/next/@date"/>
                    <xsl:with-param name="time" select="string($m/next/@time)"/>
                    <xsl:with-param name="on" select="true()"/>
                  </xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="page-sequence">
      <xsl:with-param name="part" select="'plan'"/>
      <xsl:with-param name="first" select="false()"/>
      <xsl:with-param name="last" select="'minutes'"/>
      <xsl:with-param name="content"><xsl:call-template name="plan-body"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="page-sequence">
      <xsl:with-param name="part" select="'minutes'"/>
      <xsl:with-param name="first" select="false()"/>
      <xsl:with-param name="last" select="'minutes'"/>
      <xsl:with-param name="content"><xsl:call-template name="minutes-body"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
