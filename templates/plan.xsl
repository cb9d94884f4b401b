<?xml version="1.0" encoding="UTF-8"?>
<!-- plan.xsl - the Child in Need plan, written to the child (seed 003 section 4), as it stands
     after $meeting. A section per child of a sibling group; each item under the six headers of
     section 4, "By when" as a date; completed items kept and marked, removed ones left out. Then
     the safety plan (part of the plan, not a separate document), the contingency plan (family
     back-up, the authority's, bottom lines), what would lead to the plan ending, the next review.
     Versions (the child chooses, Appendix 1): full; short (items, who and when); overview (one
     page: what is going to change, who is helping, when we meet next). The full and short
     versions end with the agreement page: a line for each parent and young person to sign, and
     on the file copy the Team Manager's authorisation. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:rules="urn:cindoc:rules"
    exclude-result-prefixes="rules">

  <xsl:key name="meeting" match="/case/meetings/meeting" use="@id"/>

  <xsl:template match="case" mode="plan">
    <xsl:call-template name="page-sequence">
      <xsl:with-param name="part" select="'plan'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="plan-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A date as a number (20260706), to compare dates in XPath 1.0. -->
  <xsl:template name="date-num">
    <xsl:param name="iso"/>
    <xsl:value-of select="number(translate($iso, '-', ''))"/>
  </xsl:template>

  <!-- The plan's items as they stood after $meeting: agreed at or before it, not removed. -->
  <xsl:template name="plan-body">
    <xsl:variable name="plan" select="$case/plan"/>
    <xsl:variable name="m" select="$the-meeting"/>
    <xsl:variable name="names"><xsl:call-template name="child-names"/></xsl:variable>

    <xsl:call-template name="title">
      <xsl:with-param name="key" select="'plan.title'"/>
      <xsl:with-param name="s1" select="$names"/>
      <xsl:with-param name="id" select="'part-title-plan'"/>
      <xsl:with-param name="subtitle">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="concat('plan.subtitle.', $version)"/>
          <xsl:with-param name="s1">
            <xsl:call-template name="date"><xsl:with-param name="iso" select="$m/@date"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:choose>
      <xsl:when test="$version = 'overview'">
        <xsl:call-template name="plan-overview"/>
        <xsl:call-template name="plan-safety"/>
      </xsl:when>
      <xsl:when test="$version = 'short'">
        <xsl:call-template name="plan-short"/>
        <xsl:call-template name="plan-safety"/>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="plan-full"/></xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="plan-next-meeting"/>
    <!-- the overview stays one page: its readers sign the agreement page of the full plan -->
    <xsl:if test="$version != 'overview'">
      <xsl:call-template name="plan-agreement"/>
    </xsl:if>
  </xsl:template>

  <!-- The agreement page (seed 004: the child and parents sign their agreement): a line to sign
       and date for each who signs ($signers, cd_rule_signs_plan); on the file copy, the Team
       Manager's authorisation (seed 003 sections 5 and 9), or when it is due. -->
  <xsl:template name="plan-agreement">
    <xsl:variable name="m" select="$the-meeting"/>
    <fo:block break-before="page" keep-together.within-page="always" role="Div">
      <xsl:call-template name="h2"><xsl:with-param name="key" select="'plan.h.agree'"/></xsl:call-template>
      <xsl:call-template name="para">
        <xsl:with-param name="key" select="concat('plan.agree.', $reader)"/>
        <xsl:with-param name="s1"><xsl:apply-templates select="key('party', $case/plan/@lead)" mode="name"/></xsl:with-param>
      </xsl:call-template>
      <xsl:if test="normalize-space($signers)">
        <fo:table xsl:use-attribute-sets="table.properties" table-layout="fixed" width="100%" role="Table">
          <fo:table-column column-width="{$agree.col1.width}"/>
          <fo:table-column column-width="{$agree.col2.width}"/>
          <fo:table-column column-width="{$agree.col3.width}"/>
          <fo:table-header role="THead">
            <fo:table-row role="TR">
              <xsl:call-template name="th"><xsl:with-param name="key" select="'plan.agree.col.name'"/></xsl:call-template>
              <xsl:call-template name="th"><xsl:with-param name="key" select="'plan.agree.col.signed'"/></xsl:call-template>
              <xsl:call-template name="th"><xsl:with-param name="key" select="'plan.agree.col.date'"/></xsl:call-template>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body role="TBody">
            <xsl:for-each select="$case/children/child[contains(concat(' ', $signers, ' '), concat(' ', @id, ' '))] |
                                  $case/people/person[contains(concat(' ', $signers, ' '), concat(' ', @id, ' '))]">
              <fo:table-row role="TR" height="{$agree.row.height}">
                <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
                  <fo:block><xsl:apply-templates select="." mode="name-role"/></fo:block>
                </fo:table-cell>
                <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD"><fo:block/></fo:table-cell>
                <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD"><fo:block/></fo:table-cell>
              </fo:table-row>
            </xsl:for-each>
          </fo:table-body>
        </fo:table>
      </xsl:if>
      <xsl:if test="$reader = 'file'">
        <xsl:variable name="done" select="$m/done"/>
        <xsl:call-template name="lead"><xsl:with-param name="key" select="'plan.h.authorised'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$done/@plan-authorised and $done/@authorised-by">
            <xsl:call-template name="para">
              <xsl:with-param name="key" select="'plan.authorised.by'"/>
              <xsl:with-param name="s1"><xsl:apply-templates select="key('party', $done/@authorised-by)" mode="name-role"/></xsl:with-param>
              <xsl:with-param name="s2"><xsl:call-template name="date"><xsl:with-param name="iso" select="$done/@plan-authorised"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="$done/@plan-authorised">
            <xsl:call-template name="para">
              <xsl:with-param name="key" select="'plan.authorised.on'"/>
              <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="iso" select="$done/@plan-authorised"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="para">
              <xsl:with-param name="key" select="'plan.authorised.not'"/>
              <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="iso" select="rules:due('plan-authorised', string($m/@date))"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <!-- "Millie", "Millie and Jack" -->
  <xsl:template name="child-names">
    <xsl:variable name="ids"><xsl:call-template name="ids"><xsl:with-param name="nodes" select="$subjects"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="names-of"><xsl:with-param name="ids" select="$ids"/></xsl:call-template>
  </xsl:template>

  <!-- The items of one plan section that are in the plan after $meeting. -->
  <xsl:template name="in-plan">
    <xsl:param name="item"/>
    <xsl:variable name="agreed" select="key('meeting', $item/@agreed-at)/@date"/>
    <xsl:variable name="removed" select="key('meeting', $item/@removed-at)/@date"/>
    <xsl:choose>
      <!-- a removed item is in the plans of the meetings before the one that took it out -->
      <xsl:when test="$item/@status = 'removed' and not($removed and
                      number(translate($removed, '-', '')) &gt; number(translate($the-meeting/@date, '-', '')))">0</xsl:when>
      <xsl:when test="not($agreed)">1</xsl:when>
      <xsl:when test="number(translate($agreed, '-', '')) &lt;= number(translate($the-meeting/@date, '-', ''))">1</xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== full ===== -->
  <xsl:template name="plan-full">
    <xsl:variable name="plan" select="$case/plan"/>
    <xsl:call-template name="para"><xsl:with-param name="key" select="'plan.intro'"/></xsl:call-template>

    <xsl:call-template name="h2"><xsl:with-param name="key" select="'plan.h.helping'"/></xsl:call-template>
    <xsl:call-template name="plan-lead"/>
    <xsl:call-template name="para">
      <xsl:with-param name="key" select="'plan.visits'"/>
      <xsl:with-param name="s1"><xsl:apply-templates select="key('party', $plan/@lead)" mode="name"/></xsl:with-param>
      <xsl:with-param name="s2" select="string($plan/@visit-weeks)"/>
    </xsl:call-template>
    <xsl:if test="$plan/services/service">
      <xsl:call-template name="lead"><xsl:with-param name="key" select="'plan.services'"/></xsl:call-template>
      <xsl:call-template name="bullets"><xsl:with-param name="items" select="$plan/services/service"/></xsl:call-template>
    </xsl:if>

    <xsl:for-each select="$plan/section">
      <xsl:variable name="child" select="key('party', @child)"/>
      <xsl:call-template name="h2">
        <xsl:with-param name="key">
          <xsl:choose>
            <xsl:when test="count($plan/section) = 1">plan.h.items</xsl:when>
            <xsl:otherwise>plan.h.child</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="s1"><xsl:apply-templates select="$child" mode="name"/></xsl:with-param>
      </xsl:call-template>
      <xsl:for-each select="item">
        <xsl:variable name="in"><xsl:call-template name="in-plan"><xsl:with-param name="item" select="."/></xsl:call-template></xsl:variable>
        <xsl:if test="$in = 1">
          <xsl:apply-templates select="." mode="full"/>
        </xsl:if>
      </xsl:for-each>
      <!-- the file keeps the steps taken out of the plan, with why -->
      <xsl:if test="$reader = 'file'">
        <xsl:call-template name="plan-removed"><xsl:with-param name="section" select="."/></xsl:call-template>
      </xsl:if>
    </xsl:for-each>

    <xsl:call-template name="plan-safety"/>

    <xsl:call-template name="h2"><xsl:with-param name="key" select="'plan.h.contingency'"/></xsl:call-template>
    <xsl:call-template name="para"><xsl:with-param name="key" select="'plan.contingency.intro'"/></xsl:call-template>
    <xsl:call-template name="h3"><xsl:with-param name="key" select="'plan.h.family'"/></xsl:call-template>
    <xsl:apply-templates select="$plan/contingency/family" mode="text"/>
    <xsl:call-template name="h3"><xsl:with-param name="key" select="'plan.h.authority'"/></xsl:call-template>
    <xsl:apply-templates select="$plan/contingency/authority" mode="text"/>
    <xsl:call-template name="h3"><xsl:with-param name="key" select="'plan.h.bottom-lines'"/></xsl:call-template>
    <xsl:apply-templates select="$plan/contingency/bottom-lines" mode="text"/>

    <xsl:call-template name="h2"><xsl:with-param name="key" select="'plan.h.ending'"/></xsl:call-template>
    <xsl:apply-templates select="$plan/closure-criteria" mode="text"/>
  </xsl:template>

  <!-- The file copy's list of the steps a meeting took out of the plan (by this meeting), each with
       the meeting that did and why. -->
  <xsl:template name="plan-removed">
    <xsl:param name="section"/>
    <xsl:variable name="mdate" select="number(translate($the-meeting/@date, '-', ''))"/>
    <xsl:variable name="gone" select="$section/item[@status = 'removed'][not(@removed-at) or
        number(translate(key('meeting', @removed-at)/@date, '-', '')) &lt;= $mdate]"/>
    <xsl:if test="$gone">
      <xsl:call-template name="h3"><xsl:with-param name="key" select="'plan.h.removed'"/></xsl:call-template>
      <fo:list-block xsl:use-attribute-sets="list.properties" role="L">
        <xsl:for-each select="$gone">
          <fo:list-item xsl:use-attribute-sets="list.item.properties" role="LI">
            <fo:list-item-label end-indent="label-end()" role="Lbl"><fo:block>&#x2022;</fo:block></fo:list-item-label>
            <fo:list-item-body start-indent="body-start()" role="LBody">
              <fo:block>
                <xsl:call-template name="case-lang"><xsl:with-param name="n" select="need"/></xsl:call-template>
                <xsl:choose>
                  <xsl:when test="@removed-at">
                    <xsl:call-template name="t">
                      <xsl:with-param name="key" select="'plan.removed'"/>
                      <xsl:with-param name="s1" select="normalize-space(need)"/>
                      <xsl:with-param name="s2"><xsl:call-template name="date"><xsl:with-param name="iso" select="key('meeting', @removed-at)/@date"/></xsl:call-template></xsl:with-param>
                      <xsl:with-param name="s3" select="normalize-space(why-removed)"/>
                    </xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="t">
                      <xsl:with-param name="key" select="'plan.removed.nodate'"/>
                      <xsl:with-param name="s1" select="normalize-space(need)"/>
                      <xsl:with-param name="s2" select="normalize-space(why-removed)"/>
                    </xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </fo:block>
            </fo:list-item-body>
          </fo:list-item>
        </xsl:for-each>
      </fo:list-block>
    </xsl:if>
  </xsl:template>

  <!-- Keeping you safe: the safety plan is part of the plan (seed 003 section 4), so every
       version carries it, the short and the overview too. -->
  <xsl:template name="plan-safety">
    <fo:block keep-together.within-page="always">
      <xsl:call-template name="h2"><xsl:with-param name="key" select="'plan.h.safety'"/></xsl:call-template>
      <xsl:call-template name="box">
        <xsl:with-param name="content"><xsl:apply-templates select="$case/plan/safety-plan" mode="text"/></xsl:with-param>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- The lead professional and how to reach them. -->
  <xsl:template name="plan-lead">
    <xsl:variable name="lead" select="key('party', $case/plan/@lead)"/>
    <xsl:call-template name="para">
      <xsl:with-param name="key" select="'plan.lead'"/>
      <xsl:with-param name="s1"><xsl:apply-templates select="$lead" mode="name-role"/></xsl:with-param>
      <xsl:with-param name="s2">
        <xsl:call-template name="contact-ways">
          <xsl:with-param name="phone" select="$lead/phone | $case/authority/phone[not($lead/phone)]"/>
          <xsl:with-param name="email" select="$lead/email | $case/authority/email[not($lead/email)]"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- One item: its number and whether it is done, then the six headers down the left. -->
  <xsl:template match="item" mode="full">
    <!-- an item stays on one page: its six answers are read together -->
    <fo:block keep-together.within-page="always">
    <fo:block xsl:use-attribute-sets="item.title.properties" role="H3">
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="'plan.item.title'"/>
        <xsl:with-param name="s1" select="count(preceding-sibling::item[not(@status = 'removed') or
            number(translate(key('meeting', @removed-at)/@date, '-', '')) &gt; number(translate($the-meeting/@date, '-', ''))]) + 1"/>
      </xsl:call-template>
      <xsl:if test="@status = 'completed'">
        <fo:inline xsl:use-attribute-sets="item.done.properties">
          <xsl:call-template name="t"><xsl:with-param name="key" select="'plan.item.done'"/></xsl:call-template>
        </fo:inline>
      </xsl:if>
    </fo:block>
    <fo:table xsl:use-attribute-sets="table.properties" table-layout="fixed" width="100%" role="Table">
      <fo:table-column column-width="{$item.label.width}"/>
      <fo:table-column column-width="{$item.text.width}"/>
      <fo:table-body role="TBody">
        <xsl:call-template name="item-row"><xsl:with-param name="key" select="'plan.col.need'"/><xsl:with-param name="value" select="normalize-space(need)"/><xsl:with-param name="text" select="need"/></xsl:call-template>
        <xsl:call-template name="item-row"><xsl:with-param name="key" select="'plan.col.obstacles'"/><xsl:with-param name="value" select="normalize-space(obstacles)"/><xsl:with-param name="text" select="obstacles"/></xsl:call-template>
        <xsl:call-template name="item-row"><xsl:with-param name="key" select="'plan.col.how'"/><xsl:with-param name="value" select="normalize-space(how)"/><xsl:with-param name="text" select="how"/></xsl:call-template>
        <xsl:call-template name="item-row">
          <xsl:with-param name="key" select="'plan.col.who'"/>
          <xsl:with-param name="value"><xsl:call-template name="item-who"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="item-row">
          <xsl:with-param name="key" select="'plan.col.by'"/>
          <xsl:with-param name="value"><xsl:call-template name="item-by"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="item-row"><xsl:with-param name="key" select="'plan.col.goal'"/><xsl:with-param name="value" select="normalize-space(goal)"/><xsl:with-param name="text" select="goal"/></xsl:call-template>
      </fo:table-body>
    </fo:table>
    </fo:block>
  </xsl:template>

  <xsl:template name="item-row">
    <xsl:param name="key"/>
    <xsl:param name="value"/>
    <xsl:param name="text" select="/.."/> <!-- the element of case text $value holds, if any -->
    <fo:table-row role="TR" keep-together.within-page="always">
      <fo:table-cell xsl:use-attribute-sets="table.header.cell.properties" role="TH">
        <fo:block><xsl:call-template name="t"><xsl:with-param name="key" select="$key"/></xsl:call-template></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
        <fo:block>
          <xsl:if test="$text and string($value)"><xsl:call-template name="case-lang"><xsl:with-param name="n" select="$text"/></xsl:call-template></xsl:if>
          <xsl:choose>
            <xsl:when test="string($value)"><xsl:copy-of select="$value"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="key" select="'plan.not.agreed'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template name="item-who">
    <xsl:if test="who/@ref">
      <xsl:call-template name="names-of"><xsl:with-param name="ids" select="who/@ref"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
  <xsl:template name="item-by">
    <xsl:if test="normalize-space(by)">
      <xsl:call-template name="date"><xsl:with-param name="iso" select="normalize-space(by)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== short: per child, one table of what, who and when ===== -->
  <xsl:template name="plan-short">
    <xsl:call-template name="plan-lead"/>
    <xsl:for-each select="$case/plan/section">
      <xsl:call-template name="h2">
        <xsl:with-param name="key">
          <xsl:choose>
            <xsl:when test="count($case/plan/section) = 1">plan.h.items</xsl:when>
            <xsl:otherwise>plan.h.child</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="s1"><xsl:apply-templates select="key('party', @child)" mode="name"/></xsl:with-param>
      </xsl:call-template>
      <fo:table xsl:use-attribute-sets="table.properties" table-layout="fixed" width="100%" role="Table">
        <fo:table-column column-width="50%"/>
        <fo:table-column column-width="25%"/>
        <fo:table-column column-width="25%"/>
        <fo:table-header role="THead">
          <fo:table-row role="TR">
            <xsl:call-template name="th"><xsl:with-param name="key" select="'plan.col.need.short'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="key" select="'plan.col.who'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="key" select="'plan.col.by'"/></xsl:call-template>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body role="TBody">
          <xsl:for-each select="item">
            <xsl:variable name="in"><xsl:call-template name="in-plan"><xsl:with-param name="item" select="."/></xsl:call-template></xsl:variable>
            <xsl:if test="$in = 1">
              <fo:table-row role="TR" keep-together.within-page="always">
                <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
                  <fo:block>
                    <fo:inline><xsl:call-template name="case-lang"><xsl:with-param name="n" select="need"/></xsl:call-template><xsl:value-of select="normalize-space(need)"/></fo:inline>
                    <xsl:if test="@status = 'completed'">
                      <fo:inline xsl:use-attribute-sets="item.done.properties">
                        <xsl:call-template name="t"><xsl:with-param name="key" select="'plan.item.done'"/></xsl:call-template>
                      </fo:inline>
                    </xsl:if>
                  </fo:block>
                </fo:table-cell>
                <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
                  <fo:block><xsl:call-template name="item-who"/></fo:block>
                </fo:table-cell>
                <fo:table-cell xsl:use-attribute-sets="table.cell.properties" role="TD">
                  <fo:block><xsl:call-template name="item-by"/></fo:block>
                </fo:table-cell>
              </fo:table-row>
            </xsl:if>
          </xsl:for-each>
        </fo:table-body>
      </fo:table>
    </xsl:for-each>
  </xsl:template>
  <xsl:template name="th">
    <xsl:param name="key"/>
    <fo:table-cell xsl:use-attribute-sets="table.header.cell.properties" role="TH">
      <fo:block><xsl:call-template name="t"><xsl:with-param name="key" select="$key"/></xsl:call-template></fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- ===== overview: one page ===== -->
  <xsl:template name="plan-overview">
    <xsl:call-template name="h2"><xsl:with-param name="key" select="'plan.h.change'"/></xsl:call-template>
    <xsl:variable name="open" select="$case/plan/section/item[@status = 'open']"/>
    <fo:list-block xsl:use-attribute-sets="list.properties" role="L">
      <xsl:for-each select="$open">
        <xsl:variable name="in"><xsl:call-template name="in-plan"><xsl:with-param name="item" select="."/></xsl:call-template></xsl:variable>
        <xsl:if test="$in = 1">
          <fo:list-item xsl:use-attribute-sets="list.item.properties" role="LI">
            <fo:list-item-label end-indent="label-end()" role="Lbl"><fo:block>&#x2022;</fo:block></fo:list-item-label>
            <fo:list-item-body start-indent="body-start()" role="LBody"><fo:block><xsl:call-template name="case-lang"><xsl:with-param name="n" select="need"/></xsl:call-template><xsl:value-of select="normalize-space(need)"/></fo:block></fo:list-item-body>
          </fo:list-item>
        </xsl:if>
      </xsl:for-each>
    </fo:list-block>
    <xsl:if test="$case/plan/section/item[@status = 'completed']">
      <xsl:call-template name="para">
        <xsl:with-param name="key" select="'plan.overview.done'"/>
        <xsl:with-param name="s1" select="count($case/plan/section/item[@status = 'completed'])"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="h2"><xsl:with-param name="key" select="'plan.h.helping'"/></xsl:call-template>
    <xsl:call-template name="plan-lead"/>
    <xsl:variable name="ids">
      <xsl:for-each select="$case/people/person">
        <xsl:variable name="id" select="@id"/>
        <xsl:if test="$open/who[contains(concat(' ', normalize-space(@ref), ' '), concat(' ', $id, ' '))] and $id != $case/plan/@lead">
          <xsl:value-of select="concat(' ', $id)"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="normalize-space($ids)">
      <xsl:call-template name="para">
        <xsl:with-param name="key" select="'plan.overview.helpers'"/>
        <xsl:with-param name="s1"><xsl:call-template name="names-of"><xsl:with-param name="ids" select="$ids"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== every version: when we meet next ===== -->
  <!-- kept with what comes before it: no page holds only the next meeting -->
  <xsl:template name="plan-next-meeting">
    <fo:block keep-together.within-page="always" keep-with-previous.within-page="always">
      <xsl:call-template name="h2"><xsl:with-param name="key" select="'plan.h.next'"/></xsl:call-template>
      <xsl:call-template name="plan-next-meeting-text"/>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
