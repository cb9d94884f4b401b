<?xml version="1.0" encoding="UTF-8"?>
<!-- minutes.xsl - the minutes of one meeting, written to the child (seed 003 section 5).
     Initial meetings (and transfer-in, and the first meeting after child protection) follow the
     Initial agenda (Appendix 2); reviews follow the Review agenda (Appendix 3). The child's
     views are quoted exactly as given; parents' views come before professionals'; scaling shows
     each person's score, their reason and their previous score. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:rules="urn:cindoc:rules"
    exclude-result-prefixes="rules">

  <!-- a meeting's score by one person: "MEETING PERSON" -->
  <xsl:key name="score" match="/case/meetings/meeting/scaling/score" use="concat(../../@id, ' ', @person)"/>

  <xsl:template match="case" mode="minutes">
    <xsl:call-template name="page-sequence">
      <xsl:with-param name="part" select="'minutes'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="minutes-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="minutes-body">
    <xsl:variable name="m" select="$the-meeting"/>
    <xsl:variable name="review" select="$m/@type = 'review'"/>
    <xsl:variable name="one-child" select="count($subjects) = 1"/>

    <xsl:call-template name="title">
      <xsl:with-param name="key" select="concat('minutes.title.', $m/@type)"/>
      <xsl:with-param name="id" select="'part-title-minutes'"/>
      <xsl:with-param name="subtitle">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'minutes.subtitle'"/>
          <xsl:with-param name="s1">
            <xsl:call-template name="day-date-time">
              <xsl:with-param name="iso" select="$m/@date"/>
              <xsl:with-param name="time" select="string($m/@time)"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="s2" select="normalize-space($m/venue)"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="para">
      <xsl:with-param name="key" select="'minutes.intro'"/>
      <xsl:with-param name="s1"><xsl:call-template name="child-names"/></xsl:with-param>
    </xsl:call-template>

    <!-- 1. Welcome and introductions -->
    <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.welcome'"/></xsl:call-template>
    <xsl:call-template name="minutes-who"/>
    <!-- a review starts with what has changed since the last meeting, not the same words each time -->
    <xsl:if test="$review">
      <xsl:call-template name="minutes-changed"/>
    </xsl:if>

    <xsl:choose>
      <xsl:when test="$review">
        <!-- 2. What has happened since the last meeting: parents first, then professionals -->
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.since'"/></xsl:call-template>
        <xsl:apply-templates select="$m/since" mode="text"/>
        <!-- 3. Your views, then your family's, then the professionals' -->
        <xsl:call-template name="minutes-child-views"/>
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.parents'"/></xsl:call-template>
        <xsl:call-template name="minutes-parents"/>
        <xsl:call-template name="minutes-professionals"/>
        <!-- 4. The plan reviewed -->
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.review'"/></xsl:call-template>
        <xsl:call-template name="minutes-plan-review"/>
        <!-- 5. Scaling, and what we decided -->
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.scaling.review'"/></xsl:call-template>
        <xsl:call-template name="minutes-scaling"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- 2. Why are we here today? -->
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.why'"/></xsl:call-template>
        <xsl:if test="$m/@type = 'transfer-in' and $case/transfer-in">
          <xsl:call-template name="para">
            <xsl:with-param name="key" select="'minutes.transfer-in'"/>
            <xsl:with-param name="s1" select="string($case/transfer-in/@from)"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$m/@type = 'after-child-protection'">
          <xsl:call-template name="para"><xsl:with-param name="key" select="'minutes.after-cp'"/></xsl:call-template>
        </xsl:if>
        <xsl:apply-templates select="$m/why" mode="text"/>
        <!-- 3. Your views -->
        <xsl:call-template name="minutes-child-views"/>
        <!-- 4. Your family's views, then professionals -->
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.parents'"/></xsl:call-template>
        <xsl:call-template name="minutes-parents"/>
        <xsl:call-template name="minutes-professionals"/>
        <!-- 5. Agree the plan -->
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.plan'"/></xsl:call-template>
        <xsl:call-template name="minutes-plan-review"/>
        <!-- 6. Back-up plan, and scaling -->
        <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.scaling.initial'"/></xsl:call-template>
        <xsl:call-template name="minutes-contingency"/>
        <xsl:call-template name="minutes-scaling"/>
      </xsl:otherwise>
    </xsl:choose>

    <!-- What we decided, and any disagreement -->
    <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.decision'"/></xsl:call-template>
    <!-- a plan agreed at a first meeting starts: it does not "carry on" -->
    <xsl:call-template name="para">
      <xsl:with-param name="key">
        <xsl:value-of select="concat('minutes.decision.', $m/decision/@outcome)"/>
        <xsl:if test="not($review) and $m/decision/@outcome = 'continue'"><xsl:value-of select="'.initial'"/></xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:apply-templates select="$m/decision" mode="text"/>
    <xsl:for-each select="$m/disagreement">
      <xsl:call-template name="lead">
        <xsl:with-param name="key" select="'minutes.disagreement'"/>
        <xsl:with-param name="s1"><xsl:apply-templates select="key('party', @person)" mode="name"/></xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates select="." mode="text"/>
    </xsl:for-each>
    <!-- someone disagreed: how it will be sorted out, and the complaints team's contact -->
    <xsl:if test="$m/disagreement">
      <xsl:call-template name="complaints"><xsl:with-param name="key" select="'minutes.disagreement.how'"/></xsl:call-template>
    </xsl:if>

    <!-- Next meeting, and who wrote the notes: one piece kept with what comes before it, so no
         page holds only the next meeting or the sign-off -->
    <fo:block keep-together.within-page="always" keep-with-previous.within-page="always">
    <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.next'"/></xsl:call-template>
    <xsl:call-template name="plan-next-meeting-text"/>
    <xsl:if test="$m/next/invite">
      <xsl:variable name="ids"><xsl:for-each select="$m/next/invite"><xsl:value-of select="concat(' ', @ref)"/></xsl:for-each></xsl:variable>
      <xsl:call-template name="para">
        <xsl:with-param name="key" select="'minutes.next.invited'"/>
        <xsl:with-param name="s1"><xsl:call-template name="names-of"><xsl:with-param name="ids" select="$ids"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <!-- When these notes and the plan go out: the same rule and calendar as the queue. -->
    <xsl:call-template name="para">
      <xsl:with-param name="key" select="'minutes.send.by'"/>
      <xsl:with-param name="s1">
        <xsl:call-template name="date"><xsl:with-param name="iso" select="rules:due('minutes-sent', string($m/@date))"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="para">
      <xsl:with-param name="key" select="'minutes.written.by'"/>
      <xsl:with-param name="s1"><xsl:apply-templates select="key('party', $m/minute-taker/@ref)" mode="name-role"/></xsl:with-param>
      <xsl:with-param name="s2"><xsl:apply-templates select="key('party', $m/chair/@ref)" mode="name-role"/></xsl:with-param>
    </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- Who was there, apologies, reports. -->
  <xsl:template name="minutes-who">
    <xsl:variable name="m" select="$the-meeting"/>
    <xsl:call-template name="lead"><xsl:with-param name="key" select="'minutes.present'"/></xsl:call-template>
    <xsl:call-template name="people-list"><xsl:with-param name="refs" select="$m/attendance/present"/></xsl:call-template>
    <xsl:if test="$m/attendance/apologies">
      <xsl:call-template name="lead"><xsl:with-param name="key" select="'minutes.apologies'"/></xsl:call-template>
      <xsl:call-template name="people-list"><xsl:with-param name="refs" select="$m/attendance/apologies"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$m/attendance/invited">
      <xsl:call-template name="lead"><xsl:with-param name="key" select="'minutes.invited'"/></xsl:call-template>
      <xsl:call-template name="people-list"><xsl:with-param name="refs" select="$m/attendance/invited"/></xsl:call-template>
    </xsl:if>
    <!-- what helped everyone take part: interpreters, access, transport -->
    <xsl:if test="$m/needs/*">
      <xsl:call-template name="lead"><xsl:with-param name="key" select="'minutes.needs'"/></xsl:call-template>
      <fo:list-block xsl:use-attribute-sets="list.properties" role="L">
        <xsl:for-each select="$m/needs/*">
          <fo:list-item xsl:use-attribute-sets="list.item.properties" role="LI">
            <fo:list-item-label end-indent="label-end()" role="Lbl"><fo:block>&#x2022;</fo:block></fo:list-item-label>
            <fo:list-item-body start-indent="body-start()" role="LBody">
              <fo:block>
                <xsl:if test="not(self::interpreter)"><xsl:call-template name="case-lang"/></xsl:if>
                <xsl:choose>
                  <xsl:when test="self::interpreter">
                    <xsl:call-template name="t">
                      <xsl:with-param name="key" select="'minutes.interpreter'"/>
                      <xsl:with-param name="s1"><xsl:apply-templates select="key('party', @ref)" mode="name"/></xsl:with-param>
                    </xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
                </xsl:choose>
              </fo:block>
            </fo:list-item-body>
          </fo:list-item>
        </xsl:for-each>
      </fo:list-block>
    </xsl:if>
    <xsl:if test="$m/reports/report">
      <xsl:call-template name="lead"><xsl:with-param name="key" select="'minutes.reports'"/></xsl:call-template>
      <fo:list-block xsl:use-attribute-sets="list.properties" role="L">
        <xsl:for-each select="$m/reports/report">
          <fo:list-item xsl:use-attribute-sets="list.item.properties" role="LI">
            <fo:list-item-label end-indent="label-end()" role="Lbl"><fo:block>&#x2022;</fo:block></fo:list-item-label>
            <fo:list-item-body start-indent="body-start()" role="LBody">
              <fo:block>
                <xsl:call-template name="t">
                  <xsl:with-param name="key" select="'minutes.report'"/>
                  <xsl:with-param name="s1"><xsl:call-template name="case-inline"/></xsl:with-param>
                  <xsl:with-param name="s2"><xsl:apply-templates select="key('party', @from)" mode="name"/></xsl:with-param>
                </xsl:call-template>
              </fo:block>
            </fo:list-item-body>
          </fo:list-item>
        </xsl:for-each>
      </fo:list-block>
    </xsl:if>
  </xsl:template>

  <xsl:template name="people-list">
    <xsl:param name="refs"/>
    <fo:list-block xsl:use-attribute-sets="list.properties" role="L">
      <xsl:for-each select="$refs">
        <fo:list-item xsl:use-attribute-sets="list.item.properties" role="LI">
          <fo:list-item-label end-indent="label-end()" role="Lbl"><fo:block>&#x2022;</fo:block></fo:list-item-label>
          <fo:list-item-body start-indent="body-start()" role="LBody">
            <fo:block>
              <xsl:variable name="p" select="key('party', @ref)"/>
              <!-- a name and role as recorded: in the record's language -->
              <xsl:if test="not($p/self::child)"><xsl:attribute name="language"><xsl:value-of select="$case/@lang"/></xsl:attribute></xsl:if>
              <xsl:choose>
                <xsl:when test="$p/self::child">
                  <xsl:call-template name="t">
                    <xsl:with-param name="key" select="'minutes.you'"/>
                    <xsl:with-param name="s1"><xsl:apply-templates select="$p" mode="name"/></xsl:with-param>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise><xsl:apply-templates select="$p" mode="name-role"/></xsl:otherwise>
              </xsl:choose>
            </fo:block>
          </fo:list-item-body>
        </fo:list-item>
      </xsl:for-each>
    </fo:list-block>
  </xsl:template>

  <!-- Your views: in your own words, exactly as you gave them. -->
  <xsl:template name="minutes-child-views">
    <xsl:variable name="m" select="$the-meeting"/>
    <xsl:call-template name="h2"><xsl:with-param name="key" select="'minutes.h.you'"/></xsl:call-template>
    <xsl:for-each select="$m/child-views">
      <xsl:variable name="who"><xsl:apply-templates select="key('party', @child)" mode="name"/></xsl:variable>
      <xsl:call-template name="lead">
        <xsl:with-param name="key" select="concat('minutes.views.', @given, '.', count($subjects) = 1)"/>
        <xsl:with-param name="s1" select="$who"/>
        <xsl:with-param name="s2"><xsl:apply-templates select="key('party', @by)" mode="name"/></xsl:with-param>
        <xsl:with-param name="g"><xsl:call-template name="gender-of"><xsl:with-param name="child" select="key('party', @child)"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates select="quote | not-sought" mode="text"/>
    </xsl:for-each>
    <xsl:if test="not($m/child-views)">
      <xsl:call-template name="para"><xsl:with-param name="key" select="'minutes.views.none'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="minutes-parents">
    <xsl:for-each select="$the-meeting/parent-views">
      <xsl:call-template name="lead">
        <xsl:with-param name="key" select="'minutes.said'"/>
        <xsl:with-param name="s1"><xsl:apply-templates select="key('party', @person)" mode="name-role"/></xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates select="." mode="text"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="minutes-professionals">
    <xsl:if test="$the-meeting/professional-update">
      <xsl:call-template name="h3"><xsl:with-param name="key" select="'minutes.h.professionals'"/></xsl:call-template>
      <xsl:for-each select="$the-meeting/professional-update">
        <xsl:call-template name="lead">
          <xsl:with-param name="key" select="'minutes.said'"/>
          <xsl:with-param name="s1"><xsl:apply-templates select="key('party', @person)" mode="name-role"/></xsl:with-param>
        </xsl:call-template>
        <xsl:apply-templates select="." mode="text"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The plan reviewed: achieved, working well, still worried about; the three columns. -->
  <xsl:template name="minutes-plan-review">
    <xsl:variable name="m" select="$the-meeting"/>
    <xsl:for-each select="$m/plan-review/achieved | $m/plan-review/working-well | $m/plan-review/still-worried">
      <xsl:call-template name="h3"><xsl:with-param name="key" select="concat('minutes.review.', local-name())"/></xsl:call-template>
      <xsl:apply-templates select="." mode="text"/>
    </xsl:for-each>
    <!-- the three columns: what we are worried about, what is going well, what needs to happen -->
    <xsl:if test="$m/signs">
      <fo:table xsl:use-attribute-sets="table.properties" table-layout="fixed" width="100%" role="Table">
        <fo:table-column column-width="33.3%"/>
        <fo:table-column column-width="33.3%"/>
        <fo:table-column column-width="33.4%"/>
        <fo:table-header role="THead">
          <fo:table-row role="TR">
            <xsl:call-template name="th"><xsl:with-param name="key" select="'minutes.signs.worries'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="key" select="'minutes.signs.working-well'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="key" select="'minutes.signs.needs-to-happen'"/></xsl:call-template>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body role="TBody">
          <fo:table-row role="TR">
            <xsl:for-each select="$m/signs/worries | $m/signs/working-well | $m/signs/needs-to-happen">
              <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
                <xsl:for-each select="p"><fo:block space-after="1mm"><xsl:call-template name="case-lang"/><xsl:value-of select="normalize-space(.)"/></fo:block></xsl:for-each>
              </fo:table-cell>
            </xsl:for-each>
          </fo:table-row>
        </fo:table-body>
      </fo:table>
    </xsl:if>
    <!-- the steps still to do, so the notes can be read without the plan -->
    <xsl:variable name="open" select="$case/plan/section/item[@status = 'open']"/>
    <xsl:if test="$open">
      <xsl:call-template name="lead"><xsl:with-param name="key" select="'minutes.plan.steps'"/></xsl:call-template>
      <fo:list-block xsl:use-attribute-sets="list.properties" role="L">
        <xsl:for-each select="$open">
          <xsl:variable name="in"><xsl:call-template name="in-plan"><xsl:with-param name="item" select="."/></xsl:call-template></xsl:variable>
          <xsl:if test="$in = 1">
            <fo:list-item xsl:use-attribute-sets="list.item.properties" role="LI">
              <fo:list-item-label end-indent="label-end()" role="Lbl"><fo:block>&#x2022;</fo:block></fo:list-item-label>
              <fo:list-item-body start-indent="body-start()" role="LBody">
                <fo:block>
                  <xsl:choose>
                    <xsl:when test="who/@ref and normalize-space(by)">
                      <xsl:call-template name="t">
                        <xsl:with-param name="key" select="'minutes.plan.step'"/>
                        <xsl:with-param name="s1"><xsl:call-template name="case-inline"><xsl:with-param name="n" select="need"/></xsl:call-template></xsl:with-param>
                        <xsl:with-param name="s2"><xsl:call-template name="item-who"/></xsl:with-param>
                        <xsl:with-param name="s3"><xsl:call-template name="item-by"/></xsl:with-param>
                      </xsl:call-template>
                    </xsl:when>
                    <xsl:otherwise><xsl:call-template name="case-lang"><xsl:with-param name="n" select="need"/></xsl:call-template><xsl:value-of select="normalize-space(need)"/></xsl:otherwise>
                  </xsl:choose>
                </fo:block>
                <!-- its "by when" passed before this meeting and it is not done: late, with what
                     the meeting agreed about it -->
                <xsl:if test="normalize-space(by) and number(translate(normalize-space(by), '-', '')) &lt; number(translate($m/@date, '-', ''))">
                  <fo:block xsl:use-attribute-sets="late.properties">
                    <xsl:call-template name="t">
                      <xsl:with-param name="key" select="'minutes.plan.late'"/>
                      <xsl:with-param name="s1"><xsl:call-template name="item-by"/></xsl:with-param>
                    </xsl:call-template>
                  </fo:block>
                  <xsl:for-each select="late[@meeting = $m/@id]">
                    <fo:block>
                      <xsl:call-template name="t">
                        <xsl:with-param name="key" select="'minutes.plan.late.agreed'"/>
                        <xsl:with-param name="s1"><xsl:call-template name="case-inline"/></xsl:with-param>
                      </xsl:call-template>
                    </fo:block>
                  </xsl:for-each>
                </xsl:if>
              </fo:list-item-body>
            </fo:list-item>
          </xsl:if>
        </xsl:for-each>
      </fo:list-block>
    </xsl:if>
    <xsl:call-template name="para">
      <xsl:with-param name="key" select="'minutes.plan.items'"/>
      <xsl:with-param name="s1" select="count($case/plan/section/item[@status = 'open'])"/>
      <xsl:with-param name="s2" select="count($case/plan/section/item[@status = 'completed'])"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="minutes-contingency">
    <xsl:variable name="c" select="$case/plan/contingency"/>
    <xsl:call-template name="h3"><xsl:with-param name="key" select="'plan.h.family'"/></xsl:call-template>
    <xsl:apply-templates select="$c/family" mode="text"/>
    <xsl:call-template name="h3"><xsl:with-param name="key" select="'plan.h.authority'"/></xsl:call-template>
    <xsl:apply-templates select="$c/authority" mode="text"/>
    <xsl:call-template name="h3"><xsl:with-param name="key" select="'plan.h.ending'"/></xsl:call-template>
    <xsl:apply-templates select="$case/plan/closure-criteria" mode="text"/>
  </xsl:template>

  <!-- What has changed since the last meeting: the minute taker's words (changed), then how the
       scores moved since the last meeting that had them. Without either (no words recorded, no
       earlier scores), why we have a plan. -->
  <xsl:template name="minutes-changed">
    <xsl:variable name="m" select="$the-meeting"/>
    <xsl:variable name="mdate" select="number(translate($m/@date, '-', ''))"/>
    <xsl:variable name="before" select="$case/meetings/meeting[number(translate(@date, '-', '')) &lt; $mdate]"/>
    <xsl:variable name="prev" select="$before[scaling/score][last()]"/>
    <xsl:variable name="scored" select="$m/scaling/score[@person = $prev/scaling/score/@person]"/>
    <xsl:variable name="moved" select="$scored[not(@value = key('score', concat($prev/@id, ' ', @person))/@value)]"/>
    <xsl:choose>
      <xsl:when test="not($m/changed) and not($scored)">
        <xsl:call-template name="para"><xsl:with-param name="key" select="'minutes.why.plan'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="lead">
          <xsl:with-param name="key" select="'minutes.changed'"/>
          <xsl:with-param name="s1">
            <xsl:call-template name="date"><xsl:with-param name="iso" select="$before[last()]/@date"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:apply-templates select="$m/changed" mode="text"/>
        <xsl:choose>
          <xsl:when test="$moved">
            <xsl:call-template name="para">
              <xsl:with-param name="key" select="'minutes.changed.scores'"/>
              <xsl:with-param name="s1">
                <xsl:call-template name="score-moves">
                  <xsl:with-param name="scores" select="$moved"/>
                  <xsl:with-param name="prev" select="$prev"/>
                </xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="$scored">
            <xsl:call-template name="para"><xsl:with-param name="key" select="'minutes.changed.same'"/></xsl:call-template>
          </xsl:when>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Millie from 6 to 8, Sarah Hartley from 6 to 8 and Mr Lyle from 5 to 8", joined as the
       language joins a list. -->
  <xsl:template name="score-moves">
    <xsl:param name="scores"/>
    <xsl:param name="prev"/>
    <xsl:variable name="first">
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="'minutes.changed.score'"/>
        <xsl:with-param name="s1"><xsl:apply-templates select="key('party', $scores[1]/@person)" mode="name"/></xsl:with-param>
        <xsl:with-param name="s2" select="string($prev/scaling/score[@person = $scores[1]/@person]/@value)"/>
        <xsl:with-param name="s3" select="string($scores[1]/@value)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="rest">
      <xsl:if test="count($scores) &gt; 1">
        <xsl:call-template name="score-moves">
          <xsl:with-param name="scores" select="$scores[position() &gt; 1]"/>
          <xsl:with-param name="prev" select="$prev"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="count($scores) = 1"><xsl:copy-of select="$first"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t">
          <xsl:with-param name="key">
            <xsl:choose>
              <xsl:when test="count($scores) = 2">list.and</xsl:when>
              <xsl:otherwise>list.comma</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="s1" select="$first"/>
          <xsl:with-param name="s2" select="$rest"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Scaling: the question, what 0 and 10 mean, then each person's score, reason and score
       last time (no "last time" column at a first meeting, when nobody scored before). -->
  <xsl:template name="minutes-scaling">
    <xsl:variable name="m" select="$the-meeting"/>
    <xsl:variable name="s" select="$m/scaling"/>
    <xsl:variable name="mdate" select="number(translate($m/@date, '-', ''))"/>
    <xsl:variable name="prev" select="$case/meetings/meeting[scaling][number(translate(@date, '-', '')) &lt; $mdate][last()]"/>
    <xsl:choose>
      <xsl:when test="$s">
        <fo:block xsl:use-attribute-sets="box.properties" keep-with-next.within-page="always">
          <xsl:call-template name="lead">
            <xsl:with-param name="key" select="'minutes.scaling.question'"/>
            <xsl:with-param name="s1"><xsl:call-template name="case-inline"><xsl:with-param name="n" select="$s/question"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="para">
            <xsl:with-param name="key" select="'minutes.scaling.zero'"/>
            <xsl:with-param name="s1"><xsl:call-template name="case-inline"><xsl:with-param name="n" select="$s/zero"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="para">
            <xsl:with-param name="key" select="'minutes.scaling.ten'"/>
            <xsl:with-param name="s1"><xsl:call-template name="case-inline"><xsl:with-param name="n" select="$s/ten"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </fo:block>
        <xsl:if test="$s/score">
          <!-- the scores are read side by side: keep the table on one page -->
          <fo:block keep-together.within-page="always">
          <fo:table xsl:use-attribute-sets="table.properties" table-layout="fixed" width="100%" role="Table">
            <fo:table-column column-width="{$scaling.col1.width}"/>
            <fo:table-column column-width="{$scaling.col2.width}"/>
            <xsl:choose>
              <xsl:when test="$prev">
                <fo:table-column column-width="{$scaling.col3.width}"/>
                <fo:table-column column-width="{$scaling.col4.width}"/>
              </xsl:when>
              <xsl:otherwise><fo:table-column column-width="{$scaling.col3.first.width}"/></xsl:otherwise>
            </xsl:choose>
            <fo:table-header role="THead">
              <fo:table-row role="TR">
                <xsl:call-template name="th"><xsl:with-param name="key" select="'scaling.col.who'"/></xsl:call-template>
                <xsl:call-template name="th"><xsl:with-param name="key" select="'scaling.col.score'"/></xsl:call-template>
                <xsl:call-template name="th"><xsl:with-param name="key" select="'scaling.col.why'"/></xsl:call-template>
                <xsl:if test="$prev">
                  <xsl:call-template name="th"><xsl:with-param name="key" select="'scaling.col.last'"/></xsl:call-template>
                </xsl:if>
              </fo:table-row>
            </fo:table-header>
            <fo:table-body role="TBody">
              <xsl:for-each select="$s/score">
                <xsl:variable name="p" select="@person"/>
                <xsl:variable name="last" select="$prev/scaling/score[@person = $p]"/>
                <fo:table-row role="TR" keep-together.within-page="always">
                  <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
                    <fo:block><xsl:apply-templates select="key('party', $p)" mode="name"/></fo:block>
                  </fo:table-cell>
                  <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
                    <fo:block xsl:use-attribute-sets="score.properties"><xsl:value-of select="@value"/></fo:block>
                  </fo:table-cell>
                  <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
                    <fo:block>
                      <xsl:call-template name="case-lang"/>
                      <xsl:call-template name="t">
                        <xsl:with-param name="key" select="'quote'"/>
                        <xsl:with-param name="s1" select="normalize-space(.)"/>
                      </xsl:call-template>
                    </fo:block>
                  </fo:table-cell>
                  <xsl:if test="$prev">
                  <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
                    <fo:block>
                      <xsl:choose>
                        <xsl:when test="$last"><xsl:value-of select="$last/@value"/></xsl:when>
                        <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="key" select="'scaling.no.last'"/></xsl:call-template></xsl:otherwise>
                      </xsl:choose>
                    </fo:block>
                  </fo:table-cell>
                  </xsl:if>
                </fo:table-row>
              </xsl:for-each>
            </fo:table-body>
          </fo:table>
          </fo:block>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="para"><xsl:with-param name="key" select="'minutes.scaling.none'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="plan-next-meeting-text">
    <xsl:variable name="next" select="$the-meeting/next"/>
    <xsl:choose>
      <xsl:when test="$next">
        <xsl:call-template name="para">
          <xsl:with-param name="key" select="'plan.next'"/>
          <xsl:with-param name="s1">
            <xsl:call-template name="day-date-time">
              <xsl:with-param name="iso" select="$next/@date"/>
              <xsl:with-param name="time" select="string($next/@time)"/>
              <xsl:with-param name="on" select="true()"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="s2" select="normalize-space($next/venue | $the-meeting/venue[not($next/venue)])"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="para"><xsl:with-param name="key" select="'plan.next.none'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
