<?xml version="1.0" encoding="UTF-8"?>
<!-- queue-date.xsl - one due date of the print queue: its print.pdf, printing through CUPS (a printer,
     one or two sides; one job per copy) and marking copies issued, one by one or all. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="queue.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="w"><xsl:with-param name="key">web.queue.date-title</xsl:with-param>
      <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="@day"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="before-main">
    <a href="/queue" class="govuk-back-link"><xsl:call-template name="w"><xsl:with-param name="key">web.back</xsl:with-param></xsl:call-template></a>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:call-template name="error-summary"/>
    <xsl:if test="@printed or @marked">
      <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="done-title" data-module="govuk-notification-banner">
        <div class="govuk-notification-banner__header">
          <h2 class="govuk-notification-banner__title" id="done-title"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.done</xsl:with-param></xsl:call-template></h2>
        </div>
        <div class="govuk-notification-banner__content">
          <p class="govuk-notification-banner__heading">
            <xsl:choose>
              <xsl:when test="@printed">
                <xsl:call-template name="w"><xsl:with-param name="key">web.queue.printed</xsl:with-param><xsl:with-param name="s1" select="string(@printed)"/><xsl:with-param name="s2" select="string(@printer)"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="w"><xsl:with-param name="key">web.queue.marked</xsl:with-param><xsl:with-param name="s1" select="string(@marked)"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </p>
        </div>
      </div>
    </xsl:if>
    <span class="govuk-caption-l"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.title</xsl:with-param></xsl:call-template></span>
    <h1 class="govuk-heading-l">
      <xsl:call-template name="date"><xsl:with-param name="d" select="@day"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:call-template name="state-tag"/>
    </h1>
    <xsl:if test="@state = 'overdue'">
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.warning.prefix</xsl:with-param></xsl:call-template></span>
          <xsl:call-template name="w"><xsl:with-param name="key">web.queue.date-overdue</xsl:with-param></xsl:call-template>
        </strong>
      </div>
    </xsl:if>
    <xsl:if test="@print-pdf">
      <p class="govuk-body">
        <a class="govuk-link" href="/queue/{@day}/print.pdf"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.open-pdf</xsl:with-param></xsl:call-template></a>
        <xsl:text> · </xsl:text>
        <a class="govuk-link" href="/queue/{@day}/print.pdf?download=1"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.download-pdf</xsl:with-param></xsl:call-template></a>
      </p>
    </xsl:if>
    <xsl:if test="item[@status = 'queued']">
      <xsl:call-template name="print-form"/>
    </xsl:if>
    <xsl:call-template name="items"/>
  </xsl:template>

  <xsl:template name="print-form">
    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.print-title</xsl:with-param></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="printer">
        <form method="post" action="/queue/{@day}/print" novalidate="novalidate">
          <xsl:call-template name="csrf"/>
          <div class="govuk-form-group">
            <xsl:if test="error[@field = 'printer']"><xsl:attribute name="class">govuk-form-group govuk-form-group--error</xsl:attribute></xsl:if>
            <label class="govuk-label" for="printer"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.printer</xsl:with-param></xsl:call-template></label>
            <xsl:call-template name="field-messages"><xsl:with-param name="id">printer</xsl:with-param></xsl:call-template>
            <select class="govuk-select" id="printer" name="printer">
              <xsl:for-each select="printer">
                <option value="{@name}"><xsl:if test="@default"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/></option>
              </xsl:for-each>
            </select>
          </div>
          <div class="govuk-form-group">
            <xsl:if test="error[@field = 'sides']"><xsl:attribute name="class">govuk-form-group govuk-form-group--error</xsl:attribute></xsl:if>
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.sides</xsl:with-param></xsl:call-template></legend>
              <xsl:call-template name="field-messages"><xsl:with-param name="id">sides</xsl:with-param></xsl:call-template>
              <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id="sides" name="sides" type="radio" value="two-sided" checked="checked"/>
                  <label class="govuk-label govuk-radios__label" for="sides"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.two-sided</xsl:with-param></xsl:call-template></label>
                </div>
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id="sides-one" name="sides" type="radio" value="one-sided"/>
                  <label class="govuk-label govuk-radios__label" for="sides-one"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.one-sided</xsl:with-param></xsl:call-template></label>
                </div>
              </div>
            </fieldset>
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button">
            <xsl:call-template name="w"><xsl:with-param name="key">web.queue.print</xsl:with-param><xsl:with-param name="s1" select="string(count(item[@status = 'queued']))"/></xsl:call-template>
          </button>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <p class="govuk-body"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.no-printers</xsl:with-param></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="items">
    <h2 class="govuk-heading-m"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.items-title</xsl:with-param></xsl:call-template></h2>
    <form method="post" action="/queue/{@day}/issued" novalidate="novalidate">
      <xsl:call-template name="csrf"/>
      <div class="govuk-form-group">
        <xsl:if test="error[@field = 'item']"><xsl:attribute name="class">govuk-form-group govuk-form-group--error</xsl:attribute></xsl:if>
        <xsl:call-template name="field-messages"><xsl:with-param name="id">item</xsl:with-param></xsl:call-template>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.items-title</xsl:with-param></xsl:call-template></caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.col.pick</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.col.recipient</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.col.case</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.col.document</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.col.pages</xsl:with-param></xsl:call-template></th>
              <th scope="col" class="govuk-table__header"><xsl:call-template name="w"><xsl:with-param name="key">web.due.col.status</xsl:with-param></xsl:call-template></th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            <xsl:for-each select="item">
              <xsl:variable name="cid"><xsl:choose><xsl:when test="position() = 1">item</xsl:when><xsl:otherwise>item-<xsl:value-of select="position()"/></xsl:otherwise></xsl:choose></xsl:variable>
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <xsl:if test="@status = 'queued'">
                    <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                      <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id="{$cid}" name="item" type="checkbox" value="{@id}"/>
                        <label class="govuk-label govuk-checkboxes__label" for="{$cid}">
                          <span class="govuk-visually-hidden"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.pick</xsl:with-param><xsl:with-param name="s1" select="string(@recipient)"/><xsl:with-param name="s2" select="string(@ref)"/></xsl:call-template></span>
                        </label>
                      </div>
                    </div>
                  </xsl:if>
                </td>
                <td class="govuk-table__cell"><xsl:value-of select="@recipient"/></td>
                <td class="govuk-table__cell"><a class="govuk-link" href="/case/{@case}"><xsl:value-of select="@ref"/></a></td>
                <td class="govuk-table__cell">
                  <xsl:call-template name="w"><xsl:with-param name="key" select="concat('web.queue.doc.', @document)"/><xsl:with-param name="s1" select="string(@meeting)"/></xsl:call-template>
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric"><xsl:value-of select="@pages"/></td>
                <td class="govuk-table__cell">
                  <xsl:choose>
                    <xsl:when test="@status = 'issued'">
                      <strong class="govuk-tag govuk-tag--green"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.issued-on</xsl:with-param>
                        <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="d" select="@issued"/></xsl:call-template></xsl:with-param></xsl:call-template></strong>
                    </xsl:when>
                    <xsl:otherwise>
                      <strong class="govuk-tag govuk-tag--blue"><xsl:call-template name="w"><xsl:with-param name="key">web.queue.waiting</xsl:with-param></xsl:call-template></strong>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:if test="item[@status = 'queued']">
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            <xsl:call-template name="w"><xsl:with-param name="key">web.queue.mark-picked</xsl:with-param></xsl:call-template>
          </button>
          <button type="submit" name="all" value="yes" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            <xsl:call-template name="w"><xsl:with-param name="key">web.queue.mark-all</xsl:with-param></xsl:call-template>
          </button>
        </div>
      </xsl:if>
    </form>
  </xsl:template>
</xsl:stylesheet>
