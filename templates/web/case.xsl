<?xml version="1.0" encoding="UTF-8"?>
<!-- case.xsl - one case: the children, the people by name and role (never an id), the meetings,
     the plan and every timescale with its status. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:variable name="case" select="/page/case"/>
  <xsl:variable name="id" select="/page/@case"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w">
      <xsl:with-param name="key">web.case.title</xsl:with-param>
      <xsl:with-param name="s1" select="string($case/@ref)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="before-main">
    <nav class="govuk-breadcrumbs">
      <xsl:attribute name="aria-label"><xsl:call-template name="ws"><xsl:with-param name="key">web.breadcrumbs</xsl:with-param></xsl:call-template></xsl:attribute>
      <ol class="govuk-breadcrumbs__list">
        <li class="govuk-breadcrumbs__list-item">
          <a class="govuk-breadcrumbs__link" href="/cases"><xsl:call-template name="w"><xsl:with-param name="key">web.nav.cases</xsl:with-param></xsl:call-template></a>
        </li>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:apply-templates select="notice"/>
    <span class="govuk-caption-l">
      <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.service.', $case/@service)"/></xsl:call-template>
    </span>
    <h1 class="govuk-heading-l">
      <xsl:call-template name="w">
        <xsl:with-param name="key">web.case.heading</xsl:with-param>
        <xsl:with-param name="s1" select="string($case/@ref)"/>
        <xsl:with-param name="s2">
          <xsl:for-each select="$case/children/child">
            <xsl:if test="position() > 1"><xsl:call-template name="w"><xsl:with-param name="key">web.list.and</xsl:with-param></xsl:call-template></xsl:if>
            <xsl:apply-templates select="." mode="name"/>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </h1>
    <xsl:apply-templates select="actions"/>
    <p class="govuk-body">
      <a class="govuk-link" href="/case/{$id}/preview"><xsl:call-template name="w"><xsl:with-param name="key">web.case.preview</xsl:with-param></xsl:call-template></a>
      <xsl:text> · </xsl:text>
      <a class="govuk-link" href="/case/{$id}/history"><xsl:call-template name="w"><xsl:with-param name="key">web.case.history</xsl:with-param></xsl:call-template></a>
    </p>
    <xsl:if test="$case/closure">
      <div class="govuk-inset-text">
        <xsl:call-template name="w">
          <xsl:with-param name="key">web.case.closed</xsl:with-param>
          <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="$case/closure/@date"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="s2"><xsl:call-template name="ws"><xsl:with-param name="key" select="concat('web.closure.', $case/closure/@reason)"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </div>
    </xsl:if>

    <xsl:call-template name="due-now"/>

    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.case.children</xsl:with-param></xsl:call-template></h2>
    <dl class="govuk-summary-list">
      <xsl:for-each select="$case/children/child">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key"><xsl:apply-templates select="." mode="name"/></dt>
          <dd class="govuk-summary-list__value">
            <xsl:call-template name="w">
              <xsl:with-param name="key">web.case.born</xsl:with-param>
              <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="born"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:if test="pronouns"><br/><xsl:value-of select="pronouns"/></xsl:if>
            <xsl:if test="disability"><br/><xsl:value-of select="disability"/></xsl:if>
            <xsl:if test="died">
              <br/>
              <xsl:call-template name="w">
                <xsl:with-param name="key">web.case.died</xsl:with-param>
                <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="died/@date"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:if>
          </dd>
        </div>
      </xsl:for-each>
    </dl>

    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.case.people</xsl:with-param></xsl:call-template></h2>
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.case.people</xsl:with-param></xsl:call-template></caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.case.col.name</xsl:with-param></xsl:call-template></th>
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.case.col.role</xsl:with-param></xsl:call-template></th>
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.case.col.copies</xsl:with-param></xsl:call-template></th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        <xsl:for-each select="$case/people/person">
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header"><xsl:value-of select="concat(name/title, substring(' ', 1, count(name/title)), name/given, ' ', name/family)"/></th>
            <td class="govuk-table__cell">
              <xsl:value-of select="relationship | role"/>
              <xsl:if test="agency"><br/><xsl:value-of select="agency"/></xsl:if>
              <xsl:if test="@parental-responsibility = 'true'">
                <br/><xsl:call-template name="w"><xsl:with-param name="key">web.case.pr</xsl:with-param></xsl:call-template>
              </xsl:if>
            </td>
            <td class="govuk-table__cell">
              <xsl:call-template name="reads"><xsl:with-param name="r" select="reads"/></xsl:call-template>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>

    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.case.meetings</xsl:with-param></xsl:call-template></h2>
    <xsl:if test="not($case/meetings/meeting)">
      <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.case.no-meetings</xsl:with-param></xsl:call-template></p>
    </xsl:if>
    <xsl:for-each select="$case/meetings/meeting">
      <xsl:sort select="@date" order="descending"/>
      <div class="govuk-summary-card">
        <div class="govuk-summary-card__title-wrapper">
          <h3 class="govuk-summary-card__title">
            <xsl:call-template name="w">
              <xsl:with-param name="key" select="concat('web.meeting.type.', @type)"/>
              <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </h3>
          <ul class="govuk-summary-card__actions">
            <li class="govuk-summary-card__action">
              <a class="govuk-link" href="/case/{$id}/preview?meeting={@id}">
                <xsl:call-template name="w"><xsl:with-param name="key">web.case.preview</xsl:with-param></xsl:call-template>
              </a>
            </li>
          </ul>
        </div>
        <div class="govuk-summary-card__content">
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key"><xsl:call-template name="w"><xsl:with-param name="key">web.meeting.where</xsl:with-param></xsl:call-template></dt>
              <dd class="govuk-summary-list__value"><xsl:value-of select="concat(venue, ', ', @time)"/></dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key"><xsl:call-template name="w"><xsl:with-param name="key">web.meeting.chair</xsl:with-param></xsl:call-template></dt>
              <dd class="govuk-summary-list__value"><xsl:call-template name="name-of"><xsl:with-param name="id" select="chair/@ref"/></xsl:call-template></dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key"><xsl:call-template name="w"><xsl:with-param name="key">web.meeting.present</xsl:with-param></xsl:call-template></dt>
              <dd class="govuk-summary-list__value">
                <xsl:for-each select="attendance/present">
                  <xsl:if test="position() > 1">, </xsl:if>
                  <xsl:call-template name="name-of"><xsl:with-param name="id" select="@ref"/></xsl:call-template>
                </xsl:for-each>
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key"><xsl:call-template name="w"><xsl:with-param name="key">web.meeting.decision</xsl:with-param></xsl:call-template></dt>
              <dd class="govuk-summary-list__value">
                <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.outcome.', decision/@outcome)"/></xsl:call-template>
              </dd>
            </div>
            <xsl:if test="next">
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key"><xsl:call-template name="w"><xsl:with-param name="key">web.meeting.next</xsl:with-param></xsl:call-template></dt>
                <dd class="govuk-summary-list__value"><xsl:call-template name="date"><xsl:with-param name="d" select="next/@date"/></xsl:call-template></dd>
              </div>
            </xsl:if>
          </dl>
        </div>
      </div>
    </xsl:for-each>

    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.case.plan</xsl:with-param></xsl:call-template></h2>
    <xsl:if test="not($case/plan)">
      <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.case.no-plan</xsl:with-param></xsl:call-template></p>
    </xsl:if>
    <xsl:for-each select="$case/plan/section">
      <h3 class="govuk-heading-s">
        <xsl:call-template name="w">
          <xsl:with-param name="key">web.plan.for</xsl:with-param>
          <xsl:with-param name="s1"><xsl:call-template name="name-of"><xsl:with-param name="id" select="@child"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </h3>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.case.plan</xsl:with-param></xsl:call-template></caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.plan.need</xsl:with-param></xsl:call-template></th>
            <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.plan.who</xsl:with-param></xsl:call-template></th>
            <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.plan.by</xsl:with-param></xsl:call-template></th>
            <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.plan.status</xsl:with-param></xsl:call-template></th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          <xsl:for-each select="item">
            <tr class="govuk-table__row">
              <td class="govuk-table__cell"><xsl:value-of select="need"/></td>
              <td class="govuk-table__cell">
                <xsl:call-template name="names"><xsl:with-param name="ids" select="normalize-space(who/@ref)"/></xsl:call-template>
              </td>
              <td class="govuk-table__cell"><xsl:call-template name="date"><xsl:with-param name="d" select="by"/></xsl:call-template></td>
              <td class="govuk-table__cell">
                <strong>
                  <xsl:attribute name="class">
                    <xsl:choose>
                      <xsl:when test="@status = 'completed'">govuk-tag govuk-tag--green</xsl:when>
                      <xsl:when test="@status = 'removed'">govuk-tag govuk-tag--grey</xsl:when>
                      <xsl:otherwise>govuk-tag govuk-tag--blue</xsl:otherwise>
                    </xsl:choose>
                  </xsl:attribute>
                  <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.item.', @status)"/></xsl:call-template>
                </strong>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:for-each>

    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.case.timescales</xsl:with-param></xsl:call-template></h2>
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.case.timescales</xsl:with-param></xsl:call-template></caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.due.col.what</xsl:with-param></xsl:call-template></th>
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.due.col.due</xsl:with-param></xsl:call-template></th>
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.due.col.status</xsl:with-param></xsl:call-template></th>
          <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.due.col.done</xsl:with-param></xsl:call-template></th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        <xsl:for-each select="/page/timescales/due">
          <tr class="govuk-table__row">
            <td class="govuk-table__cell"><xsl:apply-templates select="." mode="what"/></td>
            <td class="govuk-table__cell"><xsl:call-template name="date"><xsl:with-param name="d" select="@due"/></xsl:call-template></td>
            <td class="govuk-table__cell"><xsl:apply-templates select="." mode="tag"/></td>
            <td class="govuk-table__cell"><xsl:if test="@done"><xsl:call-template name="date"><xsl:with-param name="d" select="@done"/></xsl:call-template></xsl:if></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- What is overdue or due now, at the top. -->
  <xsl:template name="due-now">
    <xsl:variable name="over" select="/page/timescales/due[@status = 'overdue']"/>
    <xsl:if test="$over">
      <div class="govuk-notification-banner desk-banner-overdue" role="region" aria-labelledby="overdue-title">
        <div class="govuk-notification-banner__header">
          <h2 class="govuk-notification-banner__title" id="overdue-title">
            <xsl:call-template name="w"><xsl:with-param name="key">web.case.overdue</xsl:with-param></xsl:call-template>
          </h2>
        </div>
        <div class="govuk-notification-banner__content">
          <ul class="govuk-list">
            <xsl:for-each select="$over">
              <li><xsl:apply-templates select="." mode="what"/><xsl:text>: </xsl:text><xsl:apply-templates select="." mode="tag"/></li>
            </xsl:for-each>
          </ul>
        </div>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="actions">
    <xsl:if test="@write">
      <div class="govuk-button-group">
        <a class="govuk-button" data-module="govuk-button" role="button" draggable="false" href="/case/{/page/@case}/write/start">
          <xsl:call-template name="w">
            <xsl:with-param name="key">
              <xsl:choose>
                <xsl:when test="@draft">web.case.continue-write</xsl:when>
                <xsl:otherwise>web.case.write</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </a>
      </div>
      <xsl:if test="@draft">
        <p class="govuk-body">
          <xsl:call-template name="w">
            <xsl:with-param name="key">web.case.draft-kept</xsl:with-param>
            <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="substring(@draft, 1, 10)"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="s2" select="substring(@draft, 12, 5)"/>
          </xsl:call-template>
        </p>
      </xsl:if>
    </xsl:if>
  </xsl:template>
  <xsl:template match="actions" mode="meeting"/>
  <xsl:template match="notice">
    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="notice-title" data-module="govuk-notification-banner">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="notice-title">
          <xsl:call-template name="w"><xsl:with-param name="key">web.notice.success</xsl:with-param></xsl:call-template>
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">
          <xsl:call-template name="w"><xsl:with-param name="key" select="@key"/></xsl:call-template>
        </p>
      </div>
    </div>
  </xsl:template>

  <xsl:template name="reads">
    <xsl:param name="r"/>
    <xsl:call-template name="w">
      <xsl:with-param name="key" select="concat('web.version.', $r/@version)"/>
    </xsl:call-template>
    <xsl:if test="$r/@lang != 'en'">
      <xsl:text>, </xsl:text>
      <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.lang.', $r/@lang)"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$r/@large-print = 'true'">
      <xsl:text>, </xsl:text>
      <xsl:call-template name="w"><xsl:with-param name="key">web.large-print</xsl:with-param></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Names for a list of ids ("p1 c1"). -->
  <xsl:template name="names">
    <xsl:param name="ids"/>
    <xsl:if test="$ids">
      <xsl:variable name="first" select="substring-before(concat($ids, ' '), ' ')"/>
      <xsl:call-template name="name-of"><xsl:with-param name="id" select="$first"/></xsl:call-template>
      <xsl:if test="substring-after($ids, ' ')">
        <xsl:text>, </xsl:text>
        <xsl:call-template name="names"><xsl:with-param name="ids" select="substring-after($ids, ' ')"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
