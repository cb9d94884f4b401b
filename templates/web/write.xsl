<?xml version="1.0" encoding="UTF-8"?>
<!-- write.xsl - writing up a meeting, one page per step (page/@step), GOV.UK style: a few
     questions a page, errors beside their fields, "check your answers" before the save.
     The input: <page step= case= back=> with <form><f n="FIELD">value</f>...</form> (the draft),
     the case (for names), <error> messages, <steps>. Fields: gen/web/README.md. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:variable name="f" select="/page/form/f"/>
  <xsl:variable name="case" select="/page/case"/>
  <xsl:variable name="step" select="string(/page/@step)"/>
  <xsl:variable name="action" select="concat('/case/', /page/@case, '/write/', $step)"/>
  <xsl:variable name="type" select="string($f[@n = 'type'])"/>
  <xsl:variable name="is-review" select="$type = 'review'"/>
  <xsl:variable name="mid" select="string($f[@n = '_meeting'])"/>
  <!-- the meeting before this one that asked the scaling question -->
  <xsl:variable name="last-scaling" select="($case/meetings/meeting[@id != $mid][scaling])[last()]/scaling"/>
  <!-- who came (if ticked), else everyone -->
  <xsl:variable name="new-count">
    <xsl:choose>
      <xsl:when test="number($f[@n = 'new-count']) &gt;= 1"><xsl:value-of select="number($f[@n = 'new-count'])"/></xsl:when>
      <xsl:otherwise>1</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="people" select="$case/children/child[not(died)] | $case/people/person"/>
  <!-- the languages the case's readers read besides the record's (cd_rule_translation_langs):
       views and new plan items take a translation into each (the field NAME:LANG) -->
  <xsl:variable name="tr-langs" select="/page/translate/@lang"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.write.', $step, '.title')"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="before-main">
    <xsl:choose>
      <xsl:when test="@back">
        <a href="/case/{@case}/write/{@back}" class="govuk-back-link">
          <xsl:call-template name="w"><xsl:with-param name="key">web.back</xsl:with-param></xsl:call-template>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <a href="/case/{@case}" class="govuk-back-link">
          <xsl:call-template name="w"><xsl:with-param name="key">web.back</xsl:with-param></xsl:call-template>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds-from-desktop desk-write">
        <xsl:call-template name="error-summary"/>
        <span class="govuk-caption-l">
          <xsl:call-template name="w">
            <xsl:with-param name="key">web.write.caption</xsl:with-param>
            <xsl:with-param name="s1" select="string($case/@ref)"/>
            <xsl:with-param name="s2" select="string(count(steps/step[@name = $step]/preceding-sibling::step) + 1)"/>
            <xsl:with-param name="s3" select="string(count(steps/step))"/>
          </xsl:call-template>
        </span>
        <h1 class="govuk-heading-l">
          <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.write.', $step, '.title')"/></xsl:call-template>
        </h1>
        <form method="post" action="{$action}" novalidate="novalidate">
          <xsl:call-template name="csrf"/>
          <xsl:apply-templates select="." mode="step"/>
          <div class="govuk-button-group">
            <xsl:choose>
              <xsl:when test="$step = 'check'">
                <button type="submit" name="action" value="save" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
                  <xsl:call-template name="w"><xsl:with-param name="key">web.write.save</xsl:with-param></xsl:call-template>
                </button>
              </xsl:when>
              <xsl:otherwise>
                <button type="submit" name="action" value="next" class="govuk-button" data-module="govuk-button">
                  <xsl:call-template name="w"><xsl:with-param name="key">web.write.continue</xsl:with-param></xsl:call-template>
                </button>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:if test="$step != 'start' or $mid">
              <button type="submit" name="action" value="draft" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                <xsl:call-template name="w"><xsl:with-param name="key">web.write.draft</xsl:with-param></xsl:call-template>
              </button>
            </xsl:if>
          </div>
        </form>
      </div>
    </div>
  </xsl:template>

  <!-- ======================================================================= helpers -->

  <xsl:template name="value">
    <xsl:param name="n"/>
    <xsl:value-of select="$f[@n = $n]"/>
  </xsl:template>

  <xsl:template name="text">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="label-text"/>
    <xsl:param name="hint"/>
    <xsl:param name="width"/>
    <xsl:param name="inputmode"/>
    <xsl:call-template name="input">
      <xsl:with-param name="name" select="$n"/>
      <xsl:with-param name="label" select="$label"/>
      <xsl:with-param name="label-text" select="$label-text"/>
      <xsl:with-param name="hint" select="$hint"/>
      <xsl:with-param name="width" select="$width"/>
      <xsl:with-param name="inputmode" select="$inputmode"/>
      <xsl:with-param name="value" select="string($f[@n = $n])"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="area">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="label-text"/>
    <xsl:param name="hint"/>
    <xsl:param name="rows" select="4"/>
    <xsl:call-template name="textarea">
      <xsl:with-param name="name" select="$n"/>
      <xsl:with-param name="label" select="$label"/>
      <xsl:with-param name="label-text" select="$label-text"/>
      <xsl:with-param name="hint" select="$hint"/>
      <xsl:with-param name="rows" select="$rows"/>
      <xsl:with-param name="value" select="string($f[@n = $n])"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The translation fields of field $n, one per language of $tr-langs; $paras: the words are
       paragraphs, translated one for one. -->
  <xsl:template name="translations">
    <xsl:param name="n"/>
    <xsl:param name="paras" select="false()"/>
    <xsl:param name="rows" select="2"/>
    <xsl:for-each select="$tr-langs">
      <xsl:variable name="tn" select="concat($n, ':', .)"/>
      <xsl:call-template name="textarea">
        <xsl:with-param name="name" select="$tn"/>
        <xsl:with-param name="lang" select="string(.)"/>
        <xsl:with-param name="label-text">
          <xsl:call-template name="ws">
            <xsl:with-param name="key">web.write.translation</xsl:with-param>
            <xsl:with-param name="s1"><xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.lang.', .)"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="hint">
          <xsl:choose>
            <xsl:when test="$paras">web.write.translation.paras.hint</xsl:when>
            <xsl:otherwise>web.write.translation.hint</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="rows" select="$rows"/>
        <xsl:with-param name="value" select="string($f[@n = $tn])"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- On "check your answers": a row for each translation of field $n given. -->
  <xsl:template name="translation-rows">
    <xsl:param name="n"/>
    <xsl:for-each select="$tr-langs">
      <xsl:variable name="tn" select="concat($n, ':', .)"/>
      <xsl:if test="normalize-space($f[@n = $tn])">
        <xsl:call-template name="row">
          <xsl:with-param name="key-text">
            <xsl:call-template name="ws">
              <xsl:with-param name="key">web.write.translation.short</xsl:with-param>
              <xsl:with-param name="s1"><xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.lang.', .)"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="n" select="$tn"/>
          <xsl:with-param name="value"><span lang="{.}"><xsl:value-of select="$f[@n = $tn]"/></span></xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="group-class">
    <xsl:param name="n"/>
    <xsl:attribute name="class">
      <xsl:text>govuk-form-group</xsl:text>
      <xsl:if test="$errors[@field = $n]"> govuk-form-group--error</xsl:if>
    </xsl:attribute>
  </xsl:template>

  <!-- A fieldset of radios: name, legend key or text, options as "value" + l10n prefix. -->
  <xsl:template name="radios">
    <xsl:param name="n"/>
    <xsl:param name="legend"/>
    <xsl:param name="legend-text"/>
    <xsl:param name="values"/>      <!-- space-separated -->
    <xsl:param name="prefix"/>      <!-- l10n key prefix for each value -->
    <xsl:param name="small"/>
    <div>
      <xsl:call-template name="group-class"><xsl:with-param name="n" select="$n"/></xsl:call-template>
      <fieldset class="govuk-fieldset">
        <xsl:if test="$errors[@field = $n]"><xsl:attribute name="aria-describedby"><xsl:value-of select="concat($n, '-error')"/></xsl:attribute></xsl:if>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          <xsl:choose>
            <xsl:when test="$legend"><xsl:call-template name="w"><xsl:with-param name="key" select="$legend"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:value-of select="$legend-text"/></xsl:otherwise>
          </xsl:choose>
        </legend>
        <xsl:call-template name="field-messages"><xsl:with-param name="id" select="$n"/></xsl:call-template>
        <div class="govuk-radios" data-module="govuk-radios">
          <xsl:if test="$small"><xsl:attribute name="class">govuk-radios govuk-radios--small</xsl:attribute></xsl:if>
          <xsl:call-template name="radio-items">
            <xsl:with-param name="n" select="$n"/>
            <xsl:with-param name="values" select="normalize-space($values)"/>
            <xsl:with-param name="prefix" select="$prefix"/>
            <xsl:with-param name="i" select="1"/>
          </xsl:call-template>
        </div>
      </fieldset>
    </div>
  </xsl:template>

  <xsl:template name="radio-items">
    <xsl:param name="n"/>
    <xsl:param name="values"/>
    <xsl:param name="prefix"/>
    <xsl:param name="i"/>
    <xsl:if test="$values">
      <xsl:variable name="v" select="substring-before(concat($values, ' '), ' ')"/>
      <xsl:variable name="id">
        <xsl:choose>
          <xsl:when test="$i = 1"><xsl:value-of select="$n"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat($n, '-', $v)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <div class="govuk-radios__item">
        <input class="govuk-radios__input" id="{$id}" name="{$n}" type="radio" value="{$v}">
          <xsl:if test="$f[@n = $n] = $v"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label class="govuk-label govuk-radios__label" for="{$id}">
          <xsl:call-template name="w"><xsl:with-param name="key" select="concat($prefix, $v)"/></xsl:call-template>
        </label>
      </div>
      <xsl:call-template name="radio-items">
        <xsl:with-param name="n" select="$n"/>
        <xsl:with-param name="values" select="substring-after($values, ' ')"/>
        <xsl:with-param name="prefix" select="$prefix"/>
        <xsl:with-param name="i" select="$i + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A select of people (and children): name, label key, who may be picked, an empty choice. -->
  <xsl:template name="pick">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="hint"/>
    <xsl:param name="from"/>
    <div>
      <xsl:call-template name="group-class"><xsl:with-param name="n" select="$n"/></xsl:call-template>
      <label class="govuk-label" for="{$n}">
        <xsl:call-template name="w"><xsl:with-param name="key" select="$label"/></xsl:call-template>
      </label>
      <xsl:if test="$hint">
        <div class="govuk-hint" id="{$n}-hint"><xsl:call-template name="w"><xsl:with-param name="key" select="$hint"/></xsl:call-template></div>
      </xsl:if>
      <xsl:call-template name="field-messages"><xsl:with-param name="id" select="$n"/></xsl:call-template>
      <select class="govuk-select" id="{$n}" name="{$n}">
        <xsl:call-template name="described-by">
          <xsl:with-param name="id" select="$n"/>
          <xsl:with-param name="hint" select="$hint"/>
        </xsl:call-template>
        <option value="">
          <xsl:call-template name="w"><xsl:with-param name="key">web.write.choose</xsl:with-param></xsl:call-template>
        </option>
        <xsl:for-each select="$from">
          <option value="{@id}">
            <xsl:if test="$f[@n = $n] = current()/@id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:apply-templates select="." mode="name-role"/>
          </option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

  <xsl:template match="child" mode="name-role">
    <xsl:apply-templates select="." mode="name"/>
    <xsl:call-template name="w"><xsl:with-param name="key">web.write.a-child</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="person" mode="name-role">
    <xsl:apply-templates select="." mode="name"/>
    <xsl:if test="relationship | role">
      <xsl:value-of select="concat(' (', (relationship | role)[1], ')')"/>
    </xsl:if>
  </xsl:template>

  <!-- Checkboxes: one per child or person, value the id. -->
  <xsl:template name="ticks">
    <xsl:param name="n"/>
    <xsl:param name="legend"/>
    <xsl:param name="hint"/>
    <xsl:param name="from"/>
    <xsl:param name="with-text"/>   <!-- a text field per ticked one: "report-" -->
    <div>
      <xsl:call-template name="group-class"><xsl:with-param name="n" select="$n"/></xsl:call-template>
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          <xsl:call-template name="w"><xsl:with-param name="key" select="$legend"/></xsl:call-template>
        </legend>
        <xsl:if test="$hint">
          <div class="govuk-hint"><xsl:call-template name="w"><xsl:with-param name="key" select="$hint"/></xsl:call-template></div>
        </xsl:if>
        <xsl:call-template name="field-messages"><xsl:with-param name="id" select="$n"/></xsl:call-template>
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <xsl:for-each select="$from">
            <xsl:variable name="id">
              <xsl:choose>
                <xsl:when test="position() = 1"><xsl:value-of select="$n"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="concat($n, '-', @id)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="{$id}" name="{$n}" type="checkbox" value="{@id}">
                <xsl:if test="$f[@n = $n][. = current()/@id]"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label class="govuk-label govuk-checkboxes__label" for="{$id}">
                <xsl:apply-templates select="." mode="name-role"/>
              </label>
            </div>
            <xsl:if test="$with-text">
              <div class="desk-tick-text">
                <xsl:call-template name="text">
                  <xsl:with-param name="n" select="concat($with-text, @id)"/>
                  <xsl:with-param name="label">web.write.report-about</xsl:with-param>
                </xsl:call-template>
              </div>
            </xsl:if>
          </xsl:for-each>
        </div>
      </fieldset>
    </div>
  </xsl:template>

  <!-- ======================================================================= the steps -->

  <xsl:template match="page[@step = 'start']" mode="step">
    <xsl:if test="$mid">
      <div class="govuk-inset-text">
        <xsl:call-template name="w"><xsl:with-param name="key">web.write.under-way</xsl:with-param></xsl:call-template>
        <p class="govuk-body">
          <button type="submit" name="action" value="discard" class="govuk-button govuk-button--warning" data-module="govuk-button">
            <xsl:call-template name="w"><xsl:with-param name="key">web.write.discard</xsl:with-param></xsl:call-template>
          </button>
        </p>
      </div>
    </xsl:if>
    <xsl:call-template name="radios">
      <xsl:with-param name="n">type</xsl:with-param>
      <xsl:with-param name="legend">web.write.type</xsl:with-param>
      <xsl:with-param name="values">review initial transfer-in after-child-protection</xsl:with-param>
      <xsl:with-param name="prefix">web.write.type.</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@step = 'details']" mode="step">
    <xsl:call-template name="text">
      <xsl:with-param name="n">date</xsl:with-param>
      <xsl:with-param name="label">web.write.date</xsl:with-param>
      <xsl:with-param name="hint">web.write.date.hint</xsl:with-param>
      <xsl:with-param name="width">10</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text">
      <xsl:with-param name="n">time</xsl:with-param>
      <xsl:with-param name="label">web.write.time</xsl:with-param>
      <xsl:with-param name="hint">web.write.time.hint</xsl:with-param>
      <xsl:with-param name="width">5</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text">
      <xsl:with-param name="n">venue</xsl:with-param>
      <xsl:with-param name="label">web.write.venue</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="pick">
      <xsl:with-param name="n">chair</xsl:with-param>
      <xsl:with-param name="label">web.write.chair</xsl:with-param>
      <xsl:with-param name="from" select="$case/people/person[@kind = 'professional']"/>
    </xsl:call-template>
    <xsl:call-template name="pick">
      <xsl:with-param name="n">minute-taker</xsl:with-param>
      <xsl:with-param name="label">web.write.minute-taker</xsl:with-param>
      <xsl:with-param name="from" select="$case/people/person[@kind = 'professional']"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@step = 'attendance']" mode="step">
    <xsl:call-template name="ticks">
      <xsl:with-param name="n">present</xsl:with-param>
      <xsl:with-param name="legend">web.write.present</xsl:with-param>
      <xsl:with-param name="from" select="$people"/>
    </xsl:call-template>
    <xsl:call-template name="ticks">
      <xsl:with-param name="n">apologies</xsl:with-param>
      <xsl:with-param name="legend">web.write.apologies</xsl:with-param>
      <xsl:with-param name="from" select="$people"/>
    </xsl:call-template>
    <xsl:call-template name="ticks">
      <xsl:with-param name="n">reports</xsl:with-param>
      <xsl:with-param name="legend">web.write.reports</xsl:with-param>
      <xsl:with-param name="hint">web.write.reports.hint</xsl:with-param>
      <xsl:with-param name="from" select="$case/people/person[@kind = 'professional' or @kind = 'advocate']"/>
      <xsl:with-param name="with-text">report-</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@step = 'views']" mode="step">
    <xsl:call-template name="area">
      <xsl:with-param name="n">background</xsl:with-param>
      <xsl:with-param name="label">
        <xsl:choose>
          <xsl:when test="$is-review">web.write.since</xsl:when>
          <xsl:otherwise>web.write.why</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="hint">web.write.paras.hint</xsl:with-param>
    </xsl:call-template>
    <xsl:for-each select="$case/children/child[not(died)]">
      <xsl:variable name="name"><xsl:apply-templates select="." mode="name"/></xsl:variable>
      <h2 class="govuk-heading-m">
        <xsl:call-template name="w">
          <xsl:with-param name="key">web.write.child-views</xsl:with-param>
          <xsl:with-param name="s1" select="string($name)"/>
        </xsl:call-template>
      </h2>
      <xsl:call-template name="radios">
        <xsl:with-param name="n" select="concat('views-', @id, '-given')"/>
        <xsl:with-param name="legend">web.write.given</xsl:with-param>
        <xsl:with-param name="values">in-person advocate drawing message not-sought</xsl:with-param>
        <xsl:with-param name="prefix">web.write.given.</xsl:with-param>
        <xsl:with-param name="small" select="1"/>
      </xsl:call-template>
      <xsl:call-template name="area">
        <xsl:with-param name="n" select="concat('views-', @id, '-words')"/>
        <xsl:with-param name="label">web.write.words</xsl:with-param>
        <xsl:with-param name="hint">web.write.words.hint</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="translations">
        <xsl:with-param name="n" select="concat('views-', @id, '-words')"/>
        <xsl:with-param name="paras" select="true()"/>
        <xsl:with-param name="rows" select="3"/>
      </xsl:call-template>
      <xsl:call-template name="area">
        <xsl:with-param name="n" select="concat('views-', @id, '-why-not')"/>
        <xsl:with-param name="label">web.write.why-not</xsl:with-param>
        <xsl:with-param name="rows" select="2"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:if test="$case/people/person[@kind = 'parent' or @kind = 'carer' or @kind = 'family' or @kind = 'friend']">
      <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.write.family-views</xsl:with-param></xsl:call-template></h2>
    </xsl:if>
    <xsl:for-each select="$case/people/person[@kind = 'parent' or @kind = 'carer' or @kind = 'family' or @kind = 'friend']">
      <xsl:call-template name="area">
        <xsl:with-param name="n" select="concat('parent-', @id)"/>
        <xsl:with-param name="label-text"><xsl:apply-templates select="." mode="name-role"/></xsl:with-param>
        <xsl:with-param name="rows" select="3"/>
      </xsl:call-template>
      <xsl:call-template name="translations">
        <xsl:with-param name="n" select="concat('parent-', @id)"/>
        <xsl:with-param name="paras" select="true()"/>
        <xsl:with-param name="rows" select="3"/>
      </xsl:call-template>
    </xsl:for-each>
    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.write.updates</xsl:with-param></xsl:call-template></h2>
    <xsl:for-each select="$case/people/person[@kind = 'professional' or @kind = 'advocate']">
      <xsl:call-template name="area">
        <xsl:with-param name="n" select="concat('update-', @id)"/>
        <xsl:with-param name="label-text"><xsl:apply-templates select="." mode="name-role"/></xsl:with-param>
        <xsl:with-param name="rows" select="3"/>
      </xsl:call-template>
      <xsl:call-template name="translations">
        <xsl:with-param name="n" select="concat('update-', @id)"/>
        <xsl:with-param name="paras" select="true()"/>
        <xsl:with-param name="rows" select="3"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="page[@step = 'discussion']" mode="step">
    <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.write.signs.intro</xsl:with-param></xsl:call-template></p>
    <xsl:call-template name="area"><xsl:with-param name="n">working-well</xsl:with-param><xsl:with-param name="label">web.write.working-well</xsl:with-param></xsl:call-template>
    <xsl:call-template name="area"><xsl:with-param name="n">worries</xsl:with-param><xsl:with-param name="label">web.write.worries</xsl:with-param></xsl:call-template>
    <xsl:call-template name="area"><xsl:with-param name="n">needs-to-happen</xsl:with-param><xsl:with-param name="label">web.write.needs-to-happen</xsl:with-param></xsl:call-template>
    <xsl:if test="$is-review">
      <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.write.plan-review</xsl:with-param></xsl:call-template></h2>
      <xsl:call-template name="area"><xsl:with-param name="n">achieved</xsl:with-param><xsl:with-param name="label">web.write.achieved</xsl:with-param></xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n">going-well</xsl:with-param><xsl:with-param name="label">web.write.going-well</xsl:with-param></xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n">still-worried</xsl:with-param><xsl:with-param name="label">web.write.still-worried</xsl:with-param></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@step = 'scaling']" mode="step">
    <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.write.scaling.intro</xsl:with-param></xsl:call-template></p>
    <xsl:call-template name="area"><xsl:with-param name="n">scaling-question</xsl:with-param><xsl:with-param name="label">web.write.scaling-question</xsl:with-param><xsl:with-param name="rows" select="2"/></xsl:call-template>
    <xsl:call-template name="area"><xsl:with-param name="n">scaling-zero</xsl:with-param><xsl:with-param name="label">web.write.scaling-zero</xsl:with-param><xsl:with-param name="rows" select="2"/></xsl:call-template>
    <xsl:call-template name="area"><xsl:with-param name="n">scaling-ten</xsl:with-param><xsl:with-param name="label">web.write.scaling-ten</xsl:with-param><xsl:with-param name="rows" select="2"/></xsl:call-template>
    <xsl:variable name="came" select="$people[@id = $f[@n = 'present']]"/>
    <xsl:for-each select="$came | $people[not($came)]">
      <xsl:variable name="prev" select="$last-scaling/score[@person = current()/@id]"/>
      <fieldset class="govuk-fieldset desk-score-row">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          <xsl:apply-templates select="." mode="name-role"/>
        </legend>
        <xsl:if test="$prev">
          <p class="govuk-hint">
            <xsl:call-template name="w">
              <xsl:with-param name="key">web.write.previous-score</xsl:with-param>
              <xsl:with-param name="s1" select="string($prev/@value)"/>
              <xsl:with-param name="s2" select="string($prev)"/>
            </xsl:call-template>
          </p>
        </xsl:if>
        <xsl:call-template name="text">
          <xsl:with-param name="n" select="concat('score-', @id)"/>
          <xsl:with-param name="label">web.write.score</xsl:with-param>
          <xsl:with-param name="width">2</xsl:with-param>
          <xsl:with-param name="inputmode">numeric</xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="text">
          <xsl:with-param name="n" select="concat('reason-', @id)"/>
          <xsl:with-param name="label">web.write.reason</xsl:with-param>
        </xsl:call-template>
      </fieldset>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="page[@step = 'plan']" mode="step">
    <xsl:for-each select="$case/plan/section/item[@status != 'removed']">
      <xsl:variable name="n" select="concat('item-', @id, '-status')"/>
      <div class="govuk-summary-card">
        <div class="govuk-summary-card__title-wrapper">
          <h2 class="govuk-summary-card__title"><xsl:value-of select="need"/></h2>
        </div>
        <div class="govuk-summary-card__content">
          <p class="govuk-body">
            <xsl:call-template name="w">
              <xsl:with-param name="key">web.write.item-who-by</xsl:with-param>
              <xsl:with-param name="s1"><xsl:call-template name="names"><xsl:with-param name="ids" select="normalize-space(who/@ref)"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="s2"><xsl:call-template name="date"><xsl:with-param name="d" select="by"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </p>
          <div>
            <xsl:call-template name="group-class"><xsl:with-param name="n" select="$n"/></xsl:call-template>
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                <xsl:call-template name="w"><xsl:with-param name="key">web.write.item-status</xsl:with-param></xsl:call-template>
              </legend>
              <xsl:call-template name="field-messages"><xsl:with-param name="id" select="$n"/></xsl:call-template>
              <div class="govuk-radios govuk-radios--small">
                <xsl:call-template name="status-radio"><xsl:with-param name="n" select="$n"/><xsl:with-param name="v">open</xsl:with-param><xsl:with-param name="item" select="."/><xsl:with-param name="first" select="1"/></xsl:call-template>
                <xsl:call-template name="status-radio"><xsl:with-param name="n" select="$n"/><xsl:with-param name="v">completed</xsl:with-param><xsl:with-param name="item" select="."/></xsl:call-template>
                <xsl:call-template name="status-radio"><xsl:with-param name="n" select="$n"/><xsl:with-param name="v">removed</xsl:with-param><xsl:with-param name="item" select="."/></xsl:call-template>
              </div>
            </fieldset>
          </div>
          <xsl:call-template name="area">
            <xsl:with-param name="n" select="concat('item-', @id, '-why')"/>
            <xsl:with-param name="label">web.write.why-removed</xsl:with-param>
            <xsl:with-param name="rows" select="2"/>
          </xsl:call-template>
        </div>
      </div>
    </xsl:for-each>
    <xsl:if test="not($case/plan)">
      <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.write.new-plan</xsl:with-param></xsl:call-template></h2>
      <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.write.new-plan.intro</xsl:with-param></xsl:call-template></p>
      <xsl:call-template name="pick">
        <xsl:with-param name="n">plan-lead</xsl:with-param>
        <xsl:with-param name="label">web.write.plan-lead</xsl:with-param>
        <xsl:with-param name="from" select="$case/people/person[@kind = 'professional']"/>
      </xsl:call-template>
      <xsl:call-template name="radios">
        <xsl:with-param name="n">plan-visit-weeks</xsl:with-param>
        <xsl:with-param name="legend">web.write.plan-visit-weeks</xsl:with-param>
        <xsl:with-param name="values">1 2 3 4</xsl:with-param>
        <xsl:with-param name="prefix">web.write.weeks.</xsl:with-param>
        <xsl:with-param name="small" select="1"/>
      </xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n">plan-safety</xsl:with-param><xsl:with-param name="label">web.write.plan-safety</xsl:with-param></xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n">plan-family</xsl:with-param><xsl:with-param name="label">web.write.plan-family</xsl:with-param></xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n">plan-authority</xsl:with-param><xsl:with-param name="label">web.write.plan-authority</xsl:with-param></xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n">plan-bottom-lines</xsl:with-param><xsl:with-param name="label">web.write.plan-bottom-lines</xsl:with-param></xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n">plan-closure</xsl:with-param><xsl:with-param name="label">web.write.plan-closure</xsl:with-param></xsl:call-template>
    </xsl:if>
    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.write.new-items</xsl:with-param></xsl:call-template></h2>
    <input type="hidden" name="new-count" value="{$new-count}"/>
    <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.write.new-items.intro</xsl:with-param></xsl:call-template></p>
    <xsl:call-template name="new-item">
      <xsl:with-param name="i" select="1"/>
      <xsl:with-param name="count" select="$new-count"/>
    </xsl:call-template>
    <button type="submit" name="action" value="add-item" class="govuk-button govuk-button--secondary" data-module="govuk-button">
      <xsl:call-template name="w"><xsl:with-param name="key">web.write.add-item</xsl:with-param></xsl:call-template>
    </button>
  </xsl:template>

  <xsl:template name="status-radio">
    <xsl:param name="n"/>
    <xsl:param name="v"/>
    <xsl:param name="item"/>
    <xsl:param name="first"/>
    <xsl:variable name="id">
      <xsl:choose>
        <xsl:when test="$first"><xsl:value-of select="$n"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($n, '-', $v)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="govuk-radios__item">
      <input class="govuk-radios__input" id="{$id}" name="{$n}" type="radio" value="{$v}">
        <xsl:if test="$f[@n = $n] = $v or (not($f[@n = $n]) and $item/@status = $v)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <label class="govuk-label govuk-radios__label" for="{$id}">
        <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.write.item.', $v)"/></xsl:call-template>
      </label>
    </div>
  </xsl:template>

  <xsl:template name="new-item">
    <xsl:param name="i"/>
    <xsl:param name="count"/>
    <xsl:variable name="p" select="concat('new-', $i, '-')"/>
    <fieldset class="govuk-fieldset desk-new-item">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
        <xsl:call-template name="w"><xsl:with-param name="key">web.write.new-item</xsl:with-param><xsl:with-param name="s1" select="string($i)"/></xsl:call-template>
      </legend>
      <xsl:if test="count($case/children/child) &gt; 1">
        <xsl:call-template name="pick">
          <xsl:with-param name="n" select="concat($p, 'child')"/>
          <xsl:with-param name="label">web.write.item-child</xsl:with-param>
          <xsl:with-param name="from" select="$case/children/child[not(died)]"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:call-template name="area"><xsl:with-param name="n" select="concat($p, 'need')"/><xsl:with-param name="label">web.write.item-need</xsl:with-param><xsl:with-param name="rows" select="2"/></xsl:call-template>
      <xsl:call-template name="translations"><xsl:with-param name="n" select="concat($p, 'need')"/></xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n" select="concat($p, 'obstacles')"/><xsl:with-param name="label">web.write.item-obstacles</xsl:with-param><xsl:with-param name="rows" select="2"/></xsl:call-template>
      <xsl:call-template name="translations"><xsl:with-param name="n" select="concat($p, 'obstacles')"/></xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n" select="concat($p, 'how')"/><xsl:with-param name="label">web.write.item-how</xsl:with-param><xsl:with-param name="rows" select="2"/></xsl:call-template>
      <xsl:call-template name="translations"><xsl:with-param name="n" select="concat($p, 'how')"/></xsl:call-template>
      <xsl:call-template name="pick">
        <xsl:with-param name="n" select="concat($p, 'who')"/>
        <xsl:with-param name="label">web.write.item-who</xsl:with-param>
        <xsl:with-param name="from" select="$people"/>
      </xsl:call-template>
      <xsl:call-template name="text">
        <xsl:with-param name="n" select="concat($p, 'by')"/>
        <xsl:with-param name="label">web.write.item-by</xsl:with-param>
        <xsl:with-param name="hint">web.write.date.hint</xsl:with-param>
        <xsl:with-param name="width">10</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="area"><xsl:with-param name="n" select="concat($p, 'goal')"/><xsl:with-param name="label">web.write.item-goal</xsl:with-param><xsl:with-param name="rows" select="2"/></xsl:call-template>
      <xsl:call-template name="translations"><xsl:with-param name="n" select="concat($p, 'goal')"/></xsl:call-template>
    </fieldset>
    <xsl:if test="$i &lt; $count">
      <xsl:call-template name="new-item">
        <xsl:with-param name="i" select="$i + 1"/>
        <xsl:with-param name="count" select="$count"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@step = 'decision']" mode="step">
    <xsl:call-template name="radios">
      <xsl:with-param name="n">outcome</xsl:with-param>
      <xsl:with-param name="legend">web.write.outcome</xsl:with-param>
      <xsl:with-param name="values">continue step-down close strategy-discussion</xsl:with-param>
      <xsl:with-param name="prefix">web.outcome.</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="area">
      <xsl:with-param name="n">decision</xsl:with-param>
      <xsl:with-param name="label">web.write.decision</xsl:with-param>
      <xsl:with-param name="hint">web.write.paras.hint</xsl:with-param>
    </xsl:call-template>
    <details class="govuk-details">
      <xsl:if test="$f[starts-with(@n, 'disagree-')][normalize-space(.)] or $errors[starts-with(@field, 'disagree-')]">
        <xsl:attribute name="open">open</xsl:attribute>
      </xsl:if>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text"><xsl:call-template name="w"><xsl:with-param name="key">web.write.disagree</xsl:with-param></xsl:call-template></span>
      </summary>
      <div class="govuk-details__text">
        <xsl:for-each select="$people">
          <xsl:call-template name="area">
            <xsl:with-param name="n" select="concat('disagree-', @id)"/>
            <xsl:with-param name="label-text"><xsl:apply-templates select="." mode="name-role"/></xsl:with-param>
            <xsl:with-param name="rows" select="2"/>
          </xsl:call-template>
        </xsl:for-each>
      </div>
    </details>
    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.write.next</xsl:with-param></xsl:call-template></h2>
    <xsl:call-template name="text">
      <xsl:with-param name="n">next-date</xsl:with-param>
      <xsl:with-param name="label">web.write.next-date</xsl:with-param>
      <xsl:with-param name="hint">web.write.date.hint</xsl:with-param>
      <xsl:with-param name="width">10</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text">
      <xsl:with-param name="n">next-time</xsl:with-param>
      <xsl:with-param name="label">web.write.time</xsl:with-param>
      <xsl:with-param name="hint">web.write.time.hint</xsl:with-param>
      <xsl:with-param name="width">5</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text">
      <xsl:with-param name="n">next-venue</xsl:with-param>
      <xsl:with-param name="label">web.write.venue</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="ticks">
      <xsl:with-param name="n">copies</xsl:with-param>
      <xsl:with-param name="legend">web.write.copies</xsl:with-param>
      <xsl:with-param name="hint">web.write.copies.hint</xsl:with-param>
      <xsl:with-param name="from" select="$people[not(@id = $f[@n = 'present'])]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ======================================================= check your answers -->

  <xsl:template match="page[@step = 'check']" mode="step">
    <xsl:if test="$warnings">
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.warning.prefix</xsl:with-param></xsl:call-template></span>
          <xsl:call-template name="w"><xsl:with-param name="key">web.write.warnings</xsl:with-param></xsl:call-template>
        </strong>
      </div>
      <ul class="govuk-list govuk-list--bullet">
        <xsl:for-each select="$warnings">
          <li>
            <xsl:choose>
              <xsl:when test="@href"><a class="govuk-link" href="{@href}"><xsl:apply-templates select="." mode="message"/></a></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="." mode="message"/></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <xsl:call-template name="answers"><xsl:with-param name="s">details</xsl:with-param></xsl:call-template>
    <xsl:call-template name="answers"><xsl:with-param name="s">attendance</xsl:with-param></xsl:call-template>
    <xsl:call-template name="answers"><xsl:with-param name="s">views</xsl:with-param></xsl:call-template>
    <xsl:call-template name="answers"><xsl:with-param name="s">discussion</xsl:with-param></xsl:call-template>
    <xsl:call-template name="answers"><xsl:with-param name="s">scaling</xsl:with-param></xsl:call-template>
    <xsl:call-template name="answers"><xsl:with-param name="s">plan</xsl:with-param></xsl:call-template>
    <xsl:call-template name="answers"><xsl:with-param name="s">decision</xsl:with-param></xsl:call-template>
    <xsl:if test="not($errors)">
      <p class="govuk-body">
        <a class="govuk-link" href="/case/{/page/@case}/preview?draft=1&amp;doc=minutes">
          <xsl:call-template name="w"><xsl:with-param name="key">web.write.preview</xsl:with-param></xsl:call-template>
        </a>
      </p>
    </xsl:if>
    <xsl:if test="$warnings">
      <div>
        <xsl:call-template name="group-class"><xsl:with-param name="n">accept-warnings</xsl:with-param></xsl:call-template>
        <xsl:call-template name="field-messages"><xsl:with-param name="id">accept-warnings</xsl:with-param></xsl:call-template>
        <div class="govuk-checkboxes govuk-checkboxes--small">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id="accept-warnings" name="accept-warnings" type="checkbox" value="yes"/>
            <label class="govuk-label govuk-checkboxes__label" for="accept-warnings">
              <xsl:call-template name="w"><xsl:with-param name="key">web.write.accept</xsl:with-param></xsl:call-template>
            </label>
          </div>
        </div>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- One summary card of answers, with a Change link to its step. -->
  <xsl:template name="answers">
    <xsl:param name="s"/>
    <div class="govuk-summary-card">
      <div class="govuk-summary-card__title-wrapper">
        <h2 class="govuk-summary-card__title">
          <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.write.', $s, '.title')"/></xsl:call-template>
        </h2>
        <ul class="govuk-summary-card__actions">
          <li class="govuk-summary-card__action">
            <a class="govuk-link" href="/case/{/page/@case}/write/{$s}">
              <xsl:call-template name="w"><xsl:with-param name="key">web.write.change</xsl:with-param></xsl:call-template>
              <span class="govuk-visually-hidden">
                <xsl:text> </xsl:text>
                <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.write.', $s, '.title')"/></xsl:call-template>
              </span>
            </a>
          </li>
        </ul>
      </div>
      <div class="govuk-summary-card__content">
        <dl class="govuk-summary-list">
          <xsl:apply-templates select="/page" mode="answers">
            <xsl:with-param name="s" select="$s"/>
          </xsl:apply-templates>
        </dl>
      </div>
    </div>
  </xsl:template>

  <xsl:template name="row">
    <xsl:param name="key"/>
    <xsl:param name="key-text"/>
    <xsl:param name="value"/>
    <xsl:param name="n"/>
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        <xsl:choose>
          <xsl:when test="$key"><xsl:call-template name="w"><xsl:with-param name="key" select="$key"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="$key-text"/></xsl:otherwise>
        </xsl:choose>
      </dt>
      <dd class="govuk-summary-list__value desk-pre">
        <xsl:if test="$n and $errors[@field = $n]">
          <p class="govuk-error-message">
            <xsl:apply-templates select="$errors[@field = $n][1]" mode="message"/>
          </p>
        </xsl:if>
        <xsl:copy-of select="$value"/>
      </dd>
    </div>
  </xsl:template>

  <xsl:template name="names-of-field">
    <xsl:param name="n"/>
    <xsl:for-each select="$f[@n = $n]">
      <xsl:if test="position() > 1">, </xsl:if>
      <xsl:call-template name="name-of"><xsl:with-param name="id" select="string(.)"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="page" mode="answers">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'details'">
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.type</xsl:with-param><xsl:with-param name="n">type</xsl:with-param>
          <xsl:with-param name="value"><xsl:if test="$type"><xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.write.type.', $type)"/></xsl:call-template></xsl:if></xsl:with-param></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.date</xsl:with-param><xsl:with-param name="n">date</xsl:with-param><xsl:with-param name="value" select="concat($f[@n = 'date'], ' ', $f[@n = 'time'])"/></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.venue</xsl:with-param><xsl:with-param name="n">venue</xsl:with-param><xsl:with-param name="value" select="string($f[@n = 'venue'])"/></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.chair</xsl:with-param><xsl:with-param name="n">chair</xsl:with-param><xsl:with-param name="value"><xsl:call-template name="names-of-field"><xsl:with-param name="n">chair</xsl:with-param></xsl:call-template></xsl:with-param></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.minute-taker</xsl:with-param><xsl:with-param name="n">minute-taker</xsl:with-param><xsl:with-param name="value"><xsl:call-template name="names-of-field"><xsl:with-param name="n">minute-taker</xsl:with-param></xsl:call-template></xsl:with-param></xsl:call-template>
      </xsl:when>
      <xsl:when test="$s = 'attendance'">
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.present</xsl:with-param><xsl:with-param name="n">present</xsl:with-param><xsl:with-param name="value"><xsl:call-template name="names-of-field"><xsl:with-param name="n">present</xsl:with-param></xsl:call-template></xsl:with-param></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.apologies</xsl:with-param><xsl:with-param name="n">apologies</xsl:with-param><xsl:with-param name="value"><xsl:call-template name="names-of-field"><xsl:with-param name="n">apologies</xsl:with-param></xsl:call-template></xsl:with-param></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.reports</xsl:with-param><xsl:with-param name="n">reports</xsl:with-param><xsl:with-param name="value"><xsl:call-template name="names-of-field"><xsl:with-param name="n">reports</xsl:with-param></xsl:call-template></xsl:with-param></xsl:call-template>
      </xsl:when>
      <xsl:when test="$s = 'views'">
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.background</xsl:with-param><xsl:with-param name="n">background</xsl:with-param><xsl:with-param name="value" select="string($f[@n = 'background'])"/></xsl:call-template>
        <xsl:for-each select="$case/children/child[not(died)]">
          <xsl:variable name="p" select="concat('views-', @id, '-')"/>
          <xsl:call-template name="row">
            <xsl:with-param name="key-text"><xsl:apply-templates select="." mode="name"/></xsl:with-param>
            <xsl:with-param name="n" select="concat($p, 'words')"/>
            <xsl:with-param name="value">
              <xsl:if test="$f[@n = concat($p, 'given')]">
                <strong><xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.write.given.', $f[@n = concat($p, 'given')])"/></xsl:call-template></strong>
                <br/>
              </xsl:if>
              <xsl:value-of select="$f[@n = concat($p, 'words')]"/>
              <xsl:value-of select="$f[@n = concat($p, 'why-not')]"/>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="translation-rows"><xsl:with-param name="n" select="concat($p, 'words')"/></xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="$case/people/person">
          <xsl:variable name="v" select="$f[@n = concat('parent-', current()/@id) or @n = concat('update-', current()/@id)][normalize-space(.)]"/>
          <xsl:if test="$v">
            <xsl:call-template name="row">
              <xsl:with-param name="key-text"><xsl:apply-templates select="." mode="name-role"/></xsl:with-param>
              <xsl:with-param name="value" select="string($v[1])"/>
            </xsl:call-template>
            <xsl:call-template name="translation-rows"><xsl:with-param name="n" select="string($v[1]/@n)"/></xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$s = 'discussion'">
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.working-well</xsl:with-param><xsl:with-param name="n">working-well</xsl:with-param><xsl:with-param name="value" select="string($f[@n = 'working-well'])"/></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.worries</xsl:with-param><xsl:with-param name="n">worries</xsl:with-param><xsl:with-param name="value" select="string($f[@n = 'worries'])"/></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.needs-to-happen</xsl:with-param><xsl:with-param name="n">needs-to-happen</xsl:with-param><xsl:with-param name="value" select="string($f[@n = 'needs-to-happen'])"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$s = 'scaling'">
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.scaling-question</xsl:with-param><xsl:with-param name="n">scaling-question</xsl:with-param><xsl:with-param name="value" select="string($f[@n = 'scaling-question'])"/></xsl:call-template>
        <xsl:for-each select="$people">
          <xsl:variable name="sc" select="$f[@n = concat('score-', current()/@id)][normalize-space(.)]"/>
          <xsl:if test="$sc">
            <xsl:call-template name="row">
              <xsl:with-param name="key-text"><xsl:apply-templates select="." mode="name"/></xsl:with-param>
              <xsl:with-param name="n" select="concat('score-', @id)"/>
              <xsl:with-param name="value" select="concat($sc, ': ', $f[@n = concat('reason-', current()/@id)])"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$s = 'plan'">
        <xsl:for-each select="$case/plan/section/item[@status != 'removed']">
          <xsl:variable name="st" select="$f[@n = concat('item-', current()/@id, '-status')]"/>
          <xsl:call-template name="row">
            <xsl:with-param name="key-text" select="string(need)"/>
            <xsl:with-param name="n" select="concat('item-', @id, '-status')"/>
            <xsl:with-param name="value"><xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.write.item.', concat($st, substring(@status, 1, 20 * not($st))))"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="$f[starts-with(@n, 'new-') and substring(@n, string-length(@n) - 4) = '-need'][normalize-space(.)]">
          <xsl:call-template name="row">
            <xsl:with-param name="key">web.write.new-item.short</xsl:with-param>
            <xsl:with-param name="n" select="string(@n)"/>
            <xsl:with-param name="value" select="string(.)"/>
          </xsl:call-template>
          <xsl:call-template name="translation-rows"><xsl:with-param name="n" select="string(@n)"/></xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$s = 'decision'">
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.outcome</xsl:with-param><xsl:with-param name="n">outcome</xsl:with-param>
          <xsl:with-param name="value"><xsl:if test="$f[@n = 'outcome']"><xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.outcome.', $f[@n = 'outcome'])"/></xsl:call-template></xsl:if></xsl:with-param></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.decision</xsl:with-param><xsl:with-param name="n">decision</xsl:with-param><xsl:with-param name="value" select="string($f[@n = 'decision'])"/></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.next</xsl:with-param><xsl:with-param name="n">next-date</xsl:with-param><xsl:with-param name="value" select="concat($f[@n = 'next-date'], ' ', $f[@n = 'next-time'], ' ', $f[@n = 'next-venue'])"/></xsl:call-template>
        <xsl:call-template name="row"><xsl:with-param name="key">web.write.copies</xsl:with-param><xsl:with-param name="n">copies</xsl:with-param><xsl:with-param name="value"><xsl:call-template name="names-of-field"><xsl:with-param name="n">copies</xsl:with-param></xsl:call-template></xsl:with-param></xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Names for a list of ids ("p1 c1"). -->
  <xsl:template name="names">
    <xsl:param name="ids"/>
    <xsl:if test="$ids">
      <xsl:call-template name="name-of"><xsl:with-param name="id" select="substring-before(concat($ids, ' '), ' ')"/></xsl:call-template>
      <xsl:if test="substring-after($ids, ' ')">
        <xsl:text>, </xsl:text>
        <xsl:call-template name="names"><xsl:with-param name="ids" select="substring-after($ids, ' ')"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
