<?xml version="1.0" encoding="UTF-8"?>
<!-- new.xsl - a new case: reference, service, dates, the children, the people and their consent.
     Fields: gen/web/README.md. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>

  <xsl:variable name="f" select="/page/form/f"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key">web.new.title</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="before-main">
    <a href="/cases" class="govuk-back-link"><xsl:call-template name="w"><xsl:with-param name="key">web.back</xsl:with-param></xsl:call-template></a>
  </xsl:template>

  <xsl:template name="t">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="hint"/>
    <xsl:param name="width"/>
    <xsl:call-template name="input">
      <xsl:with-param name="name" select="$n"/>
      <xsl:with-param name="label" select="$label"/>
      <xsl:with-param name="hint" select="$hint"/>
      <xsl:with-param name="width" select="$width"/>
      <xsl:with-param name="value" select="string($f[@n = $n])"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds-from-desktop">
        <xsl:call-template name="error-summary"/>
        <h1 class="govuk-heading-l"><xsl:call-template name="w"><xsl:with-param name="key">web.new.title</xsl:with-param></xsl:call-template></h1>
        <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.new.intro</xsl:with-param></xsl:call-template></p>
        <form method="post" action="/new" novalidate="novalidate">
          <xsl:call-template name="csrf"/>
          <xsl:call-template name="t"><xsl:with-param name="n">ref</xsl:with-param><xsl:with-param name="label">web.new.ref</xsl:with-param><xsl:with-param name="hint">web.new.ref.hint</xsl:with-param><xsl:with-param name="width">10</xsl:with-param></xsl:call-template>
          <div class="govuk-form-group">
            <xsl:if test="$errors[@field = 'service']"><xsl:attribute name="class">govuk-form-group govuk-form-group--error</xsl:attribute></xsl:if>
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s"><xsl:call-template name="w"><xsl:with-param name="key">web.new.service</xsl:with-param></xsl:call-template></legend>
              <xsl:call-template name="field-messages"><xsl:with-param name="id">service</xsl:with-param></xsl:call-template>
              <div class="govuk-radios govuk-radios--small">
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id="service" name="service" type="radio" value="family-support">
                    <xsl:if test="not($f[@n = 'service']) or $f[@n = 'service'] = 'family-support'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                  </input>
                  <label class="govuk-label govuk-radios__label" for="service"><xsl:call-template name="w"><xsl:with-param name="key">web.service.family-support</xsl:with-param></xsl:call-template></label>
                </div>
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id="service-disabled-children" name="service" type="radio" value="disabled-children">
                    <xsl:if test="$f[@n = 'service'] = 'disabled-children'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                  </input>
                  <label class="govuk-label govuk-radios__label" for="service-disabled-children"><xsl:call-template name="w"><xsl:with-param name="key">web.service.disabled-children</xsl:with-param></xsl:call-template></label>
                </div>
              </div>
            </fieldset>
          </div>
          <xsl:call-template name="t"><xsl:with-param name="n">opened</xsl:with-param><xsl:with-param name="label">web.new.opened</xsl:with-param><xsl:with-param name="hint">web.write.date.hint</xsl:with-param><xsl:with-param name="width">10</xsl:with-param></xsl:call-template>
          <xsl:call-template name="t"><xsl:with-param name="n">assessed</xsl:with-param><xsl:with-param name="label">web.new.assessed</xsl:with-param><xsl:with-param name="hint">web.new.assessed.hint</xsl:with-param><xsl:with-param name="width">10</xsl:with-param></xsl:call-template>
          <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.case.children</xsl:with-param></xsl:call-template></h2>
          <xsl:call-template name="child"><xsl:with-param name="i" select="1"/></xsl:call-template>
          <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.case.people</xsl:with-param></xsl:call-template></h2>
          <xsl:call-template name="person"><xsl:with-param name="i" select="1"/></xsl:call-template>
          <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
            <xsl:call-template name="w"><xsl:with-param name="key">web.new.submit</xsl:with-param></xsl:call-template>
          </button>
        </form>
      </div>
    </div>
  </xsl:template>

  <xsl:template name="child">
    <xsl:param name="i"/>
    <fieldset class="govuk-fieldset desk-new-item">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
        <xsl:call-template name="w"><xsl:with-param name="key">web.new.child</xsl:with-param><xsl:with-param name="s1" select="string($i)"/></xsl:call-template>
      </legend>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat('child-', $i, '-given')"/><xsl:with-param name="label">web.new.given</xsl:with-param><xsl:with-param name="width">20</xsl:with-param></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat('child-', $i, '-family')"/><xsl:with-param name="label">web.new.family</xsl:with-param><xsl:with-param name="width">20</xsl:with-param></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat('child-', $i, '-born')"/><xsl:with-param name="label">web.new.born</xsl:with-param><xsl:with-param name="hint">web.write.date.hint</xsl:with-param><xsl:with-param name="width">10</xsl:with-param></xsl:call-template>
      <xsl:call-template name="reads"><xsl:with-param name="p" select="concat('child-', $i, '-')"/></xsl:call-template>
      <xsl:call-template name="address"><xsl:with-param name="p" select="concat('child-', $i, '-')"/></xsl:call-template>
    </fieldset>
    <xsl:if test="$i &lt; 4"><xsl:call-template name="child"><xsl:with-param name="i" select="$i + 1"/></xsl:call-template></xsl:if>
  </xsl:template>

  <xsl:template name="person">
    <xsl:param name="i"/>
    <xsl:variable name="p" select="concat('person-', $i, '-')"/>
    <fieldset class="govuk-fieldset desk-new-item">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
        <xsl:call-template name="w"><xsl:with-param name="key">web.new.person</xsl:with-param><xsl:with-param name="s1" select="string($i)"/></xsl:call-template>
      </legend>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'title')"/><xsl:with-param name="label">web.new.title-name</xsl:with-param><xsl:with-param name="width">5</xsl:with-param></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'given')"/><xsl:with-param name="label">web.new.given</xsl:with-param><xsl:with-param name="width">20</xsl:with-param></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'family')"/><xsl:with-param name="label">web.new.family</xsl:with-param><xsl:with-param name="width">20</xsl:with-param></xsl:call-template>
      <div class="govuk-form-group">
        <xsl:if test="$errors[@field = concat($p, 'kind')]"><xsl:attribute name="class">govuk-form-group govuk-form-group--error</xsl:attribute></xsl:if>
        <label class="govuk-label" for="{$p}kind"><xsl:call-template name="w"><xsl:with-param name="key">web.new.kind</xsl:with-param></xsl:call-template></label>
        <xsl:call-template name="field-messages"><xsl:with-param name="id" select="concat($p, 'kind')"/></xsl:call-template>
        <select class="govuk-select" id="{$p}kind" name="{$p}kind">
          <xsl:for-each select="document('')/*/xsl:template[@name = 'kinds']/kind">
            <option value="{@v}">
              <xsl:if test="$f[@n = concat($p, 'kind')] = current()/@v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.new.kind.', @v)"/></xsl:call-template>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'relationship')"/><xsl:with-param name="label">web.new.relationship</xsl:with-param><xsl:with-param name="hint">web.new.relationship.hint</xsl:with-param></xsl:call-template>
      <div class="govuk-form-group">
        <div class="govuk-checkboxes govuk-checkboxes--small">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id="{$p}pr" name="{$p}pr" type="checkbox" value="yes">
              <xsl:if test="$f[@n = concat($p, 'pr')] = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label class="govuk-label govuk-checkboxes__label" for="{$p}pr"><xsl:call-template name="w"><xsl:with-param name="key">web.case.pr</xsl:with-param></xsl:call-template></label>
          </div>
        </div>
      </div>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'consent')"/><xsl:with-param name="label">web.new.consent</xsl:with-param><xsl:with-param name="hint">web.new.consent.hint</xsl:with-param><xsl:with-param name="width">10</xsl:with-param></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'email')"/><xsl:with-param name="label">web.new.email</xsl:with-param></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'phone')"/><xsl:with-param name="label">web.new.phone</xsl:with-param><xsl:with-param name="width">20</xsl:with-param></xsl:call-template>
      <xsl:call-template name="address"><xsl:with-param name="p" select="$p"/></xsl:call-template>
      <xsl:call-template name="reads"><xsl:with-param name="p" select="$p"/></xsl:call-template>
    </fieldset>
    <xsl:if test="$i &lt; 6"><xsl:call-template name="person"><xsl:with-param name="i" select="$i + 1"/></xsl:call-template></xsl:if>
  </xsl:template>

  <!-- A postal address (optional; all of line 1, town and postcode when given): GOV.UK's address pattern. -->
  <xsl:template name="address">
    <xsl:param name="p"/>
    <fieldset class="govuk-fieldset" id="{$p}address">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s"><xsl:call-template name="w"><xsl:with-param name="key">web.new.address</xsl:with-param></xsl:call-template></legend>
      <div class="govuk-hint"><xsl:call-template name="w"><xsl:with-param name="key">web.new.address.hint</xsl:with-param></xsl:call-template></div>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'line1')"/><xsl:with-param name="label">web.new.address.line1</xsl:with-param></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'line2')"/><xsl:with-param name="label">web.new.address.line2</xsl:with-param></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'town')"/><xsl:with-param name="label">web.new.address.town</xsl:with-param><xsl:with-param name="width">20</xsl:with-param></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="n" select="concat($p, 'postcode')"/><xsl:with-param name="label">web.new.address.postcode</xsl:with-param><xsl:with-param name="width">10</xsl:with-param></xsl:call-template>
    </fieldset>
  </xsl:template>

  <!-- How a reader's copies are made: their language, the version, large print. -->
  <xsl:template name="reads">
    <xsl:param name="p"/>
    <xsl:call-template name="choose">
      <xsl:with-param name="n" select="concat($p, 'lang')"/>
      <xsl:with-param name="label">web.new.lang</xsl:with-param>
      <xsl:with-param name="prefix">web.lang.</xsl:with-param>
      <xsl:with-param name="values" select="/page/langs/lang"/>
    </xsl:call-template>
    <xsl:call-template name="choose">
      <xsl:with-param name="n" select="concat($p, 'version')"/>
      <xsl:with-param name="label">web.new.version</xsl:with-param>
      <xsl:with-param name="prefix">web.version.</xsl:with-param>
      <xsl:with-param name="values" select="document('')/*/xsl:template[@name = 'versions']/v"/>
    </xsl:call-template>
    <div class="govuk-form-group">
      <div class="govuk-checkboxes govuk-checkboxes--small">
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id="{$p}large" name="{$p}large" type="checkbox" value="yes">
            <xsl:if test="$f[@n = concat($p, 'large')] = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label class="govuk-label govuk-checkboxes__label" for="{$p}large"><xsl:call-template name="w"><xsl:with-param name="key">web.new.large-print</xsl:with-param></xsl:call-template></label>
        </div>
      </div>
    </div>
  </xsl:template>

  <!-- A select of `values` (elements with @v), each shown as the words of prefix + @v. -->
  <xsl:template name="choose">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="prefix"/>
    <xsl:param name="values"/>
    <div class="govuk-form-group">
      <xsl:if test="$errors[@field = $n]"><xsl:attribute name="class">govuk-form-group govuk-form-group--error</xsl:attribute></xsl:if>
      <label class="govuk-label" for="{$n}"><xsl:call-template name="w"><xsl:with-param name="key" select="$label"/></xsl:call-template></label>
      <xsl:call-template name="field-messages"><xsl:with-param name="id" select="$n"/></xsl:call-template>
      <select class="govuk-select" id="{$n}" name="{$n}">
        <xsl:for-each select="$values">
          <option value="{@v}">
            <xsl:if test="$f[@n = $n] = current()/@v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:call-template name="w"><xsl:with-param name="key" select="concat($prefix, @v)"/></xsl:call-template>
          </option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

  <!-- The versions of a plan (values of the schema); the languages come with the page. -->
  <xsl:template name="versions"><v v="full"/><v v="short"/><v v="overview"/></xsl:template>

  <!-- The kinds of person, in the order offered (values of the schema). -->
  <xsl:template name="kinds">
    <kind v="parent"/><kind v="carer"/><kind v="family"/><kind v="friend"/><kind v="professional"/><kind v="advocate"/><kind v="interpreter"/>
  </xsl:template>
</xsl:stylesheet>
