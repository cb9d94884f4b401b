<?xml version="1.0" encoding="UTF-8"?>
<!-- closing-summary.xsl - the closure summary on the child's file (seed 003 section 7; 000): why
     the plan ended, the ongoing plan, and the evaluation of the plan's success and impact with
     the views of the child and the parents on how helpful the work was. For the file. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:cal="urn:cindoc:calendar"
    exclude-result-prefixes="cal">

  <xsl:template match="case" mode="closing-summary">
    <xsl:variable name="c" select="closure"/>
    <xsl:call-template name="page-sequence">
      <xsl:with-param name="part" select="'closing-summary'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="title">
          <xsl:with-param name="key" select="'summary.title'"/>
          <xsl:with-param name="id" select="'part-title-closing-summary'"/>
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
              <xsl:with-param name="key" select="'summary.opened'"/>
              <xsl:with-param name="value"><xsl:call-template name="date"><xsl:with-param name="iso" select="string(@opened)"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'summary.closed'"/>
              <xsl:with-param name="value"><xsl:call-template name="date"><xsl:with-param name="iso" select="string($c/@date)"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'summary.length'"/>
              <xsl:with-param name="value">
                <xsl:call-template name="t">
                  <xsl:with-param name="key" select="'summary.weeks'"/>
                  <xsl:with-param name="s1" select="floor(cal:days-between(string(@opened), string($c/@date)) div 7)"/>
                  <xsl:with-param name="s2" select="count(meetings/meeting)"/>
                </xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'summary.reason'"/>
              <xsl:with-param name="value"><xsl:call-template name="t"><xsl:with-param name="key" select="concat('reason.', $c/@reason)"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="record-row">
              <xsl:with-param name="key" select="'summary.next'"/>
              <xsl:with-param name="value"><xsl:call-template name="t"><xsl:with-param name="key" select="concat('next.', $c/@next)"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:if test="normalize-space($c/transfer-to)">
              <xsl:call-template name="record-row">
                <xsl:with-param name="key" select="'summary.transfer-to'"/>
                <xsl:with-param name="value" select="normalize-space($c/transfer-to)"/>
              </xsl:call-template>
            </xsl:if>
          </fo:table-body>
        </fo:table>

        <xsl:call-template name="h2"><xsl:with-param name="key" select="'summary.h.why'"/></xsl:call-template>
        <xsl:apply-templates select="$c/why" mode="text"/>
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'summary.h.ongoing'"/></xsl:call-template>
        <xsl:apply-templates select="$c/ongoing-plan" mode="text"/>
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'summary.h.evaluation'"/></xsl:call-template>
        <xsl:apply-templates select="$c/evaluation" mode="text"/>
        <xsl:call-template name="h3"><xsl:with-param name="key" select="'summary.h.child-views'"/></xsl:call-template>
        <xsl:for-each select="$c/child-views">
          <xsl:call-template name="lead">
            <xsl:with-param name="key" select="concat('summary.views.', @given)"/>
            <xsl:with-param name="s1"><xsl:apply-templates select="key('party', @child)" mode="name"/></xsl:with-param>
            <xsl:with-param name="s2"><xsl:apply-templates select="key('party', @by)" mode="name"/></xsl:with-param>
            <xsl:with-param name="g"><xsl:call-template name="gender-of"><xsl:with-param name="child" select="key('party', @child)"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:apply-templates select="quote | not-sought" mode="text"/>
        </xsl:for-each>
        <xsl:if test="not($c/child-views)">
          <xsl:call-template name="para"><xsl:with-param name="key" select="'summary.no.views'"/></xsl:call-template>
        </xsl:if>
        <xsl:call-template name="h3"><xsl:with-param name="key" select="'summary.h.parent-views'"/></xsl:call-template>
        <xsl:for-each select="$c/parent-views">
          <xsl:call-template name="lead">
            <xsl:with-param name="key" select="'minutes.said'"/>
            <xsl:with-param name="s1"><xsl:apply-templates select="key('party', @person)" mode="name-role"/></xsl:with-param>
          </xsl:call-template>
          <xsl:apply-templates select="." mode="text"/>
        </xsl:for-each>
        <xsl:if test="not($c/parent-views)">
          <xsl:call-template name="para"><xsl:with-param name="key" select="'summary.no.views'"/></xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
