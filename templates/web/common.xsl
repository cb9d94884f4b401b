<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl - what every page of the web desk shares: the frame (GOV.UK Design System markup,
     govuk-frontend served by cindoc), words from templates/l10n/en.xml (the <web> section), the
     error summary, and the form fields with their errors beside them.

     A page stylesheet imports this one and gives:
       <xsl:template match="page" mode="title">  the page title (words)
       <xsl:template match="page" mode="main">   the content of <main>
     The input is <page name= path= user= role= csrf=> with what the page shows; <error field=
     key= text=> elements anywhere under it are the messages: key is an l10n key (s1, s2 children
     fill its slots), text is a message of `cindoc check`, shown as it is. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:variable name="web.set" select="document('../l10n/en.xml')/l10n/web"/>
  <xsl:variable name="csrf" select="/page/@csrf"/>
  <xsl:variable name="errors" select="//error[@severity != 'warning' or not(@severity)]"/>
  <xsl:variable name="warnings" select="//error[@severity = 'warning']"/>

  <!-- ======================================================================= words -->

  <xsl:template name="w">
    <xsl:param name="key"/>
    <xsl:param name="s1"/>
    <xsl:param name="s2"/>
    <xsl:param name="s3"/>
    <xsl:variable name="e" select="$web.set/text[@key = $key]"/>
    <xsl:if test="count($e) != 1">
      <xsl:message terminate="yes">templates/l10n/en.xml: error: no text for '<xsl:value-of select="$key"/>'</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$e/node()" mode="w">
      <xsl:with-param name="s1" select="$s1"/>
      <xsl:with-param name="s2" select="$s2"/>
      <xsl:with-param name="s3" select="$s3"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="text()" mode="w"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="slot" mode="w">
    <xsl:param name="s1"/>
    <xsl:param name="s2"/>
    <xsl:param name="s3"/>
    <xsl:choose>
      <xsl:when test="@n = 1"><xsl:copy-of select="$s1"/></xsl:when>
      <xsl:when test="@n = 2"><xsl:copy-of select="$s2"/></xsl:when>
      <xsl:when test="@n = 3"><xsl:copy-of select="$s3"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The words of a key as a plain string (for attributes). -->
  <xsl:template name="ws">
    <xsl:param name="key"/>
    <xsl:param name="s1"/>
    <xsl:variable name="r">
      <xsl:call-template name="w">
        <xsl:with-param name="key" select="$key"/>
        <xsl:with-param name="s1" select="$s1"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="normalize-space($r)"/>
  </xsl:template>

  <!-- An <error>'s message: an l10n key with slots, or the text of a check. -->
  <xsl:template match="error" mode="message">
    <xsl:choose>
      <xsl:when test="@key">
        <xsl:call-template name="w">
          <xsl:with-param name="key" select="@key"/>
          <xsl:with-param name="s1" select="string(s1)"/>
          <xsl:with-param name="s2" select="string(s2)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="@text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================================== the frame -->

  <xsl:template match="/">
    <xsl:variable name="title">
      <xsl:apply-templates select="page" mode="title"/>
    </xsl:variable>
    <html lang="en" class="govuk-template">
      <head>
        <meta charset="utf-8"/>
        <title>
          <xsl:if test="$errors">
            <xsl:call-template name="w"><xsl:with-param name="key">web.title.error</xsl:with-param></xsl:call-template>
          </xsl:if>
          <xsl:value-of select="normalize-space($title)"/>
          <xsl:call-template name="w"><xsl:with-param name="key">web.title.suffix</xsl:with-param></xsl:call-template>
        </title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
        <meta name="robots" content="noindex, nofollow"/>
        <link rel="icon" href="/assets/images/favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="/assets/govuk-frontend.min.css"/>
        <link rel="stylesheet" href="/static/web.css"/>
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          <xsl:call-template name="w"><xsl:with-param name="key">web.skip</xsl:with-param></xsl:call-template>
        </a>
        <xsl:call-template name="header"/>
        <div class="govuk-width-container">
          <xsl:apply-templates select="page" mode="before-main"/>
          <main class="govuk-main-wrapper" id="main-content">
            <xsl:apply-templates select="page" mode="main"/>
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <p class="govuk-body-s">
                  <xsl:call-template name="w"><xsl:with-param name="key">web.footer.marking</xsl:with-param></xsl:call-template>
                </p>
              </div>
            </div>
          </div>
        </footer>
        <script type="module" src="/static/desk.js"></script>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="page" mode="before-main"/>

  <xsl:template name="header">
    <header class="govuk-service-navigation">
      <div class="govuk-width-container">
        <div class="govuk-service-navigation__container">
          <span class="govuk-service-navigation__service-name">
            <a href="/cases" class="govuk-service-navigation__link">
              <xsl:call-template name="w"><xsl:with-param name="key">web.service</xsl:with-param></xsl:call-template>
            </a>
          </span>
          <xsl:if test="/page/@user">
            <nav class="govuk-service-navigation__wrapper">
              <xsl:attribute name="aria-label">
                <xsl:call-template name="ws"><xsl:with-param name="key">web.nav.label</xsl:with-param></xsl:call-template>
              </xsl:attribute>
              <ul class="govuk-service-navigation__list">
                <li class="govuk-service-navigation__item">
                  <a class="govuk-service-navigation__link" href="/cases">
                    <xsl:call-template name="w"><xsl:with-param name="key">web.nav.cases</xsl:with-param></xsl:call-template>
                  </a>
                </li>
                <xsl:if test="/page/@role = 'chair' or /page/@role = 'admin'">
                  <li class="govuk-service-navigation__item">
                    <a class="govuk-service-navigation__link" href="/new">
                      <xsl:call-template name="w"><xsl:with-param name="key">web.nav.new</xsl:with-param></xsl:call-template>
                    </a>
                  </li>
                </xsl:if>
                <xsl:if test="/page/@role = 'admin'">
                  <li class="govuk-service-navigation__item">
                    <a class="govuk-service-navigation__link" href="/queue">
                      <xsl:call-template name="w"><xsl:with-param name="key">web.nav.queue</xsl:with-param></xsl:call-template>
                    </a>
                  </li>
                </xsl:if>
                <li class="govuk-service-navigation__item desk-user">
                  <span class="govuk-body-s desk-user-name">
                    <xsl:call-template name="w">
                      <xsl:with-param name="key">web.nav.user</xsl:with-param>
                      <xsl:with-param name="s1" select="string(/page/@user)"/>
                      <xsl:with-param name="s2">
                        <xsl:call-template name="ws"><xsl:with-param name="key" select="concat('web.role.', /page/@role)"/></xsl:call-template>
                      </xsl:with-param>
                    </xsl:call-template>
                  </span>
                  <form method="post" action="/logout" class="desk-inline-form">
                    <xsl:call-template name="csrf"/>
                    <button type="submit" class="govuk-button govuk-button--secondary desk-small-button" data-module="govuk-button">
                      <xsl:call-template name="w"><xsl:with-param name="key">web.nav.sign-out</xsl:with-param></xsl:call-template>
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
          </xsl:if>
        </div>
      </div>
    </header>
  </xsl:template>

  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{$csrf}"/>
  </xsl:template>

  <!-- ================================================================ errors and fields -->

  <!-- The error summary at the top: each error links to its field. -->
  <xsl:template name="error-summary">
    <xsl:if test="$errors">
      <div class="govuk-error-summary" data-module="govuk-error-summary">
        <div role="alert">
          <h2 class="govuk-error-summary__title">
            <xsl:call-template name="w"><xsl:with-param name="key">web.error.summary</xsl:with-param></xsl:call-template>
          </h2>
          <div class="govuk-error-summary__body">
            <ul class="govuk-list govuk-error-summary__list">
              <xsl:for-each select="$errors">
                <li>
                  <xsl:choose>
                    <xsl:when test="@href">
                      <a href="{@href}"><xsl:apply-templates select="." mode="message"/></a>
                    </xsl:when>
                    <xsl:when test="@field">
                      <a href="#{@field}"><xsl:apply-templates select="." mode="message"/></a>
                    </xsl:when>
                    <xsl:otherwise><xsl:apply-templates select="." mode="message"/></xsl:otherwise>
                  </xsl:choose>
                </li>
              </xsl:for-each>
            </ul>
          </div>
        </div>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The messages of one field, beside it. -->
  <xsl:template name="field-messages">
    <xsl:param name="id"/>
    <xsl:for-each select="$errors[@field = $id]">
      <p class="govuk-error-message" id="{$id}-error">
        <span class="govuk-visually-hidden">
          <xsl:call-template name="w"><xsl:with-param name="key">web.error.prefix</xsl:with-param></xsl:call-template>
        </span>
        <xsl:apply-templates select="." mode="message"/>
      </p>
    </xsl:for-each>
    <xsl:for-each select="$warnings[@field = $id]">
      <div class="govuk-warning-text desk-field-warning">
        <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">
            <xsl:call-template name="w"><xsl:with-param name="key">web.warning.prefix</xsl:with-param></xsl:call-template>
          </span>
          <xsl:apply-templates select="." mode="message"/>
        </strong>
      </div>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="described-by">
    <xsl:param name="id"/>
    <xsl:param name="hint"/>
    <xsl:variable name="v">
      <xsl:if test="$hint"><xsl:value-of select="concat($id, '-hint ')"/></xsl:if>
      <xsl:if test="$errors[@field = $id]"><xsl:value-of select="concat($id, '-error')"/></xsl:if>
    </xsl:variable>
    <xsl:if test="normalize-space($v)">
      <xsl:attribute name="aria-describedby"><xsl:value-of select="normalize-space($v)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- A text input: name (also the id), label key, value, hint key, width class, type. -->
  <xsl:template name="input">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="label-text"/>
    <xsl:param name="value"/>
    <xsl:param name="hint"/>
    <xsl:param name="width"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="autocomplete"/>
    <xsl:param name="inputmode"/>
    <div class="govuk-form-group">
      <xsl:if test="$errors[@field = $name]">
        <xsl:attribute name="class">govuk-form-group govuk-form-group--error</xsl:attribute>
      </xsl:if>
      <label class="govuk-label" for="{$name}">
        <xsl:choose>
          <xsl:when test="$label"><xsl:call-template name="w"><xsl:with-param name="key" select="$label"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="$label-text"/></xsl:otherwise>
        </xsl:choose>
      </label>
      <xsl:if test="$hint">
        <div class="govuk-hint" id="{$name}-hint">
          <xsl:call-template name="w"><xsl:with-param name="key" select="$hint"/></xsl:call-template>
        </div>
      </xsl:if>
      <xsl:call-template name="field-messages"><xsl:with-param name="id" select="$name"/></xsl:call-template>
      <input id="{$name}" name="{$name}" type="{$type}" value="{$value}">
        <xsl:attribute name="class">
          <xsl:text>govuk-input</xsl:text>
          <xsl:if test="$width"><xsl:value-of select="concat(' govuk-input--width-', $width)"/></xsl:if>
          <xsl:if test="$errors[@field = $name]"> govuk-input--error</xsl:if>
        </xsl:attribute>
        <xsl:if test="$autocomplete"><xsl:attribute name="autocomplete"><xsl:value-of select="$autocomplete"/></xsl:attribute></xsl:if>
        <xsl:if test="$inputmode"><xsl:attribute name="inputmode"><xsl:value-of select="$inputmode"/></xsl:attribute></xsl:if>
        <xsl:if test="$type = 'text'"><xsl:attribute name="spellcheck">false</xsl:attribute></xsl:if>
        <xsl:call-template name="described-by">
          <xsl:with-param name="id" select="$name"/>
          <xsl:with-param name="hint" select="$hint"/>
        </xsl:call-template>
      </input>
    </div>
  </xsl:template>

  <!-- A text area. -->
  <xsl:template name="textarea">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="label-text"/>
    <xsl:param name="value"/>
    <xsl:param name="hint"/>
    <xsl:param name="rows" select="4"/>
    <xsl:param name="lang"/> <!-- the language the words are written in, when not the page's -->
    <div class="govuk-form-group">
      <xsl:if test="$errors[@field = $name]">
        <xsl:attribute name="class">govuk-form-group govuk-form-group--error</xsl:attribute>
      </xsl:if>
      <label class="govuk-label govuk-label--s" for="{$name}">
        <xsl:choose>
          <xsl:when test="$label"><xsl:call-template name="w"><xsl:with-param name="key" select="$label"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="$label-text"/></xsl:otherwise>
        </xsl:choose>
      </label>
      <xsl:if test="$hint">
        <div class="govuk-hint" id="{$name}-hint">
          <xsl:call-template name="w"><xsl:with-param name="key" select="$hint"/></xsl:call-template>
        </div>
      </xsl:if>
      <xsl:call-template name="field-messages"><xsl:with-param name="id" select="$name"/></xsl:call-template>
      <textarea id="{$name}" name="{$name}" rows="{$rows}">
        <xsl:if test="$lang"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
        <xsl:attribute name="class">
          <xsl:text>govuk-textarea</xsl:text>
          <xsl:if test="$errors[@field = $name]"> govuk-textarea--error</xsl:if>
        </xsl:attribute>
        <xsl:call-template name="described-by">
          <xsl:with-param name="id" select="$name"/>
          <xsl:with-param name="hint" select="$hint"/>
        </xsl:call-template>
        <xsl:value-of select="$value"/>
      </textarea>
    </div>
  </xsl:template>

  <!-- A date as the desk shows it: 25 November 2026. -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:if test="string-length($d) = 10">
      <xsl:value-of select="number(substring($d, 9, 2))"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.month.', number(substring($d, 6, 2)))"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:value-of select="substring($d, 1, 4)"/>
    </xsl:if>
  </xsl:template>

  <!-- The name of a child or person of the case (never the id). -->
  <xsl:key name="who" match="child | person" use="@id"/>
  <xsl:template name="name-of">
    <xsl:param name="id"/>
    <xsl:for-each select="key('who', $id)[1]">
      <xsl:apply-templates select="." mode="name"/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="child" mode="name">
    <xsl:choose>
      <xsl:when test="preferred-name">
        <xsl:value-of select="concat(preferred-name, ' ', name/family)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(name/given, ' ', name/family)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="person" mode="name">
    <xsl:value-of select="concat(name/given, ' ', name/family)"/>
  </xsl:template>

  <!-- A status tag for a due item. -->
  <xsl:template match="due" mode="tag">
    <strong>
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@status = 'overdue' or @status = 'missed'">govuk-tag govuk-tag--red</xsl:when>
          <xsl:when test="@status = 'due'">govuk-tag govuk-tag--yellow</xsl:when>
          <xsl:when test="@status = 'late'">govuk-tag govuk-tag--orange</xsl:when>
          <xsl:otherwise>govuk-tag govuk-tag--green</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:call-template name="w">
        <xsl:with-param name="key">
          <xsl:value-of select="concat('web.due.status.', @status)"/>
          <xsl:if test="(@status = 'due' or @status = 'overdue') and @days &lt; 2">
            <xsl:value-of select="concat('.', @days)"/>
          </xsl:if>
        </xsl:with-param>
        <xsl:with-param name="s1" select="string(@days)"/>
      </xsl:call-template>
    </strong>
  </xsl:template>

  <xsl:template match="due" mode="what">
    <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.due.kind.', @kind)"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
