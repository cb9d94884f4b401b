<?xml version="1.0" encoding="UTF-8"?>
<!-- case-note.xsl - the note the minute taker puts on the child's file within the case-note
     timescale after the meeting (seed 003 section 5): who chaired, the decision, the date of the next
     meeting; then the same facts as a record. For the file: professional words. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:rules="urn:cindoc:rules"
    exclude-result-prefixes="rules">

  <xsl:template match="case" mode="case-note">
    <xsl:variable name="m" select="$the-meeting"/>
    <xsl:variable name="type"><xsl:call-template name="t"><xsl:with-param name="key" select="concat('meeting.type.', $m/@type)"/></xsl:call-template></xsl:variable>
    <xsl:variable name="when"><xsl:call-template name="date"><xsl:with-param name="iso" select="$m/@date"/></xsl:call-template></xsl:variable>
    <xsl:variable name="chair"><xsl:apply-templates select="key('party', $m/chair/@ref)" mode="name-role"/></xsl:variable>
    <!-- a plan agreed at a first meeting starts; a review continues it -->
    <xsl:variable name="decision">
      <xsl:call-template name="t">
        <xsl:with-param name="key">
          <xsl:value-of select="concat('outcome.', $m/decision/@outcome)"/>
          <xsl:if test="$m/@type != 'review' and $m/decision/@outcome = 'continue'"><xsl:value-of select="'.initial'"/></xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="next">
      <xsl:choose>
        <xsl:when test="$m/next">
          <xsl:call-template name="day-date-time">
            <xsl:with-param name="iso" select="$m/next/@date"/>
            <xsl:with-param name="time" select="string($m/next/@time)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="key" select="'casenote.no.next'"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="page-sequence">
      <xsl:with-param name="part" select="'case-note'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="title">
          <xsl:with-param name="key" select="'casenote.title'"/>
          <xsl:with-param name="id" select="'part-title-case-note'"/>
        </xsl:call-template>
        <xsl:call-template name="box">
          <xsl:with-param name="content">
            <fo:block role="P">
              <xsl:call-template name="t">
                <xsl:with-param name="key" select="'casenote.line'"/>
                <xsl:with-param name="s1" select="$type"/>
                <xsl:with-param name="s2" select="$when"/>
                <xsl:with-param name="s3" select="$chair"/>
                <xsl:with-param name="s4">
                  <xsl:call-template name="t">
                    <xsl:with-param name="key" select="'casenote.decision.next'"/>
                    <xsl:with-param name="s1" select="$decision"/>
                    <xsl:with-param name="s2" select="$next"/>
                  </xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
            </fo:block>
          </xsl:with-param>
        </xsl:call-template>
        <fo:table xsl:use-attribute-sets="table.properties" table-layout="fixed" width="100%" role="Table">
          <fo:table-column column-width="35%"/>
          <fo:table-column column-width="65%"/>
          <fo:table-body role="TBody">
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'casenote.children'"/>
              <xsl:with-param name="value" select="$subject-names"/>
            </xsl:call-template>
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'casenote.meeting'"/>
              <xsl:with-param name="value">
                <xsl:value-of select="$type"/>
                <xsl:call-template name="t"><xsl:with-param name="key" select="'address.sep'"/></xsl:call-template>
                <xsl:call-template name="day-date-time">
                  <xsl:with-param name="iso" select="$m/@date"/>
                  <xsl:with-param name="time" select="string($m/@time)"/>
                </xsl:call-template>
                <xsl:call-template name="t"><xsl:with-param name="key" select="'address.sep'"/></xsl:call-template>
                <xsl:value-of select="normalize-space($m/venue)"/>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="record-row"><xsl:with-param name="key" select="'casenote.chair'"/><xsl:with-param name="value" select="$chair"/></xsl:call-template>
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'casenote.minutes.by'"/>
              <xsl:with-param name="value"><xsl:apply-templates select="key('party', $m/minute-taker/@ref)" mode="name-role"/></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'casenote.present'"/>
              <xsl:with-param name="value">
                <xsl:variable name="ids"><xsl:for-each select="$m/attendance/present"><xsl:value-of select="concat(' ', @ref)"/></xsl:for-each></xsl:variable>
                <xsl:call-template name="names-of"><xsl:with-param name="ids" select="$ids"/><xsl:with-param name="mode" select="'name-role'"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="record-row"><xsl:with-param name="key" select="'casenote.decision'"/><xsl:with-param name="value" select="$decision"/></xsl:call-template>
            <!-- dissent recorded at the meeting goes on the file with the decision (seed 003 App. 3) -->
            <xsl:if test="$m/disagreement">
              <xsl:call-template name="record-row">
                <xsl:with-param name="key" select="'casenote.disagreement'"/>
                <xsl:with-param name="value">
                  <xsl:for-each select="$m/disagreement">
                    <fo:block>
                      <xsl:call-template name="t">
                        <xsl:with-param name="key" select="'casenote.disagreement.by'"/>
                        <xsl:with-param name="s1"><xsl:apply-templates select="key('party', @person)" mode="name-role"/></xsl:with-param>
                        <xsl:with-param name="s2" select="normalize-space(.)"/>
                      </xsl:call-template>
                    </fo:block>
                  </xsl:for-each>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:if>
            <xsl:call-template name="record-row"><xsl:with-param name="key" select="'casenote.next'"/><xsl:with-param name="value" select="$next"/></xsl:call-template>
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'casenote.due'"/>
              <xsl:with-param name="value">
                <xsl:call-template name="date"><xsl:with-param name="iso" select="rules:due('case-note', string($m/@date))"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'casenote.minutes.due'"/>
              <xsl:with-param name="value">
                <xsl:call-template name="date"><xsl:with-param name="iso" select="rules:due('minutes-sent', string($m/@date))"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </fo:table-body>
        </fo:table>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A labelled row of a record table. -->
  <xsl:template name="record-row">
    <xsl:param name="key"/>
    <xsl:param name="value"/>
    <fo:table-row role="TR" keep-together.within-page="always">
      <fo:table-cell xsl:use-attribute-sets="table.header.cell.properties" role="TH">
        <fo:block><xsl:call-template name="t"><xsl:with-param name="key" select="$key"/></xsl:call-template></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
        <fo:block><xsl:copy-of select="$value"/></fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>
</xsl:stylesheet>
