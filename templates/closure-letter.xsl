<?xml version="1.0" encoding="UTF-8"?>
<!-- closure-letter.xsl - the formal letter that tells each involved party the plan has ended
     (seed 003 section 7): the reason, in words for the reader (the child, a parent or family
     member, a professional); what happens next; who to contact; how to complain. When a child
     has died no letter is written to a child, and letters to the family are written with care. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:rules="urn:cindoc:rules"
    exclude-result-prefixes="rules">

  <xsl:template match="case" mode="closure-letter">
    <xsl:variable name="c" select="closure"/>
    <xsl:variable name="reason" select="string($c/@reason)"/>
    <xsl:variable name="died" select="$reason = 'died'"/>
    <xsl:if test="$died and $reader = 'child'">
      <xsl:message terminate="yes"><xsl:value-of select="$source"/>: error: no closure letter is written to a child when the reason is 'died'</xsl:message>
    </xsl:if>
    <!-- The children the letter is about: when a child has died, that child. -->
    <xsl:variable name="about-ids">
      <xsl:call-template name="ids">
        <xsl:with-param name="nodes" select="children/child[$died and died] | children/child[not($died and ../child/died)]"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="names">
      <xsl:call-template name="names-of"><xsl:with-param name="ids" select="$about-ids"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="when">
      <xsl:call-template name="date"><xsl:with-param name="iso" select="$c/@date"/></xsl:call-template>
    </xsl:variable>

    <xsl:call-template name="page-sequence">
      <xsl:with-param name="part" select="'letter'"/>
      <xsl:with-param name="last">
        <xsl:choose>
          <xsl:when test="$final-minutes = 'yes'"><xsl:value-of select="'minutes'"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="'letter'"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="content">
        <xsl:call-template name="letter">
          <xsl:with-param name="to" select="$the-recipient"/>
          <xsl:with-param name="contact" select="false()"/>
          <xsl:with-param name="subject">
            <xsl:call-template name="t">
              <xsl:with-param name="key">
                <xsl:choose>
                  <xsl:when test="$died"><xsl:value-of select="concat('closure.subject.died.', $reader)"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="concat('closure.subject.', $reader)"/></xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
              <xsl:with-param name="s1" select="$names"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="body">
            <xsl:call-template name="letter-late">
              <xsl:with-param name="due" select="rules:due('closure-letters', string($c/@date))"/>
            </xsl:call-template>
            <xsl:call-template name="para">
              <xsl:with-param name="key" select="concat('closure.reason.', $reason, '.', $reader)"/>
              <xsl:with-param name="s1" select="$names"/>
              <xsl:with-param name="s2" select="$when"/>
              <xsl:with-param name="s3" select="normalize-space($c/transfer-to)"/>
              <xsl:with-param name="s4" select="normalize-space(authority/name)"/>
            </xsl:call-template>
            <!-- The reason is said once. The sentence above says it whole for every reason but
                 these two, whose sentence says only that the plan did its work: then the file's
                 own account (why) says what changed, for adults (the child's sentence is their
                 own). Otherwise why is the closing summary's, and the letter does not repeat it. -->
            <xsl:if test="($reason = 'needs-met' or $reason = 'supervision-order-ended') and $reader != 'child'">
              <xsl:apply-templates select="$c/why" mode="text"/>
            </xsl:if>

            <xsl:call-template name="letter-heading">
              <xsl:with-param name="key">
                <xsl:choose>
                  <xsl:when test="$died">closure.h.support</xsl:when>
                  <xsl:otherwise>closure.h.next</xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:choose>
              <xsl:when test="$died">
                <xsl:call-template name="para">
                  <xsl:with-param name="key" select="concat('closure.died.support.', $reader)"/>
                  <xsl:with-param name="s1" select="$names"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <!-- Early Help, a family plan or nothing further follow a plan that ended because
                     it was no longer needed; a child protection plan, care or a new authority
                     take over otherwise, and the reason above already says so. -->
                <xsl:if test="$reason = 'needs-met' or $reason = 'supervision-order-ended' or
                              $reason = 'moved-outside' or $reason = 'eighteen'">
                  <xsl:call-template name="para">
                    <xsl:with-param name="key" select="concat('closure.next.', $c/@next, '.', $reader)"/>
                    <xsl:with-param name="s1" select="$names"/>
                  </xsl:call-template>
                </xsl:if>
                <xsl:apply-templates select="$c/ongoing-plan" mode="text"/>
                <!-- a young person of 18 or more: where adult services are -->
                <xsl:if test="$adult = 'yes' and $reader = 'child'">
                  <xsl:call-template name="adult-services"/>
                </xsl:if>
              </xsl:otherwise>
            </xsl:choose>

            <!-- the final minutes come with this letter (no plan copy is sent once the plan ended) -->
            <xsl:if test="$final-minutes = 'yes'">
              <xsl:call-template name="para">
                <xsl:with-param name="key" select="concat('closure.minutes.', $reader)"/>
                <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="iso" select="$the-meeting/@date"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:if>

            <!-- who to contact and how to complain are read whole: each heading with its
                 sentences on one page, never a sentence split by the page footer -->
            <fo:block keep-together.within-page="always" role="Div">
              <xsl:call-template name="letter-heading"><xsl:with-param name="key" select="'letter.h.contact'"/></xsl:call-template>
              <xsl:call-template name="letter-contact"/>
            </fo:block>
            <fo:block keep-together.within-page="always" role="Div">
              <xsl:call-template name="letter-heading">
                <xsl:with-param name="key">
                  <xsl:choose>
                    <xsl:when test="$died">letter.h.raise</xsl:when>
                    <xsl:otherwise>letter.h.complain</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
              </xsl:call-template>
              <xsl:call-template name="complaints">
                <xsl:with-param name="key">
                  <xsl:choose>
                    <xsl:when test="$died"><xsl:value-of select="concat('complain.died.', $reader)"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="concat('complain.', $reader)"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
              </xsl:call-template>
            </fo:block>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$final-minutes = 'yes'">
      <xsl:call-template name="page-sequence">
        <xsl:with-param name="part" select="'minutes'"/>
        <xsl:with-param name="first" select="false()"/>
        <xsl:with-param name="content"><xsl:call-template name="minutes-body"/></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="letter-heading">
    <xsl:param name="key"/>
    <fo:block xsl:use-attribute-sets="section.title.level2.properties" role="H2">
      <xsl:call-template name="t"><xsl:with-param name="key" select="$key"/></xsl:call-template>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
