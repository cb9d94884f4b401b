/* case/calendar-xslt.h - the working-day calendar as XSLT extension functions.
 *
 * Templates reach the same calendar as the C code, so a due date printed in a letter and the date
 * that puts the letter in the queue can never disagree. Declare the namespace in a stylesheet:
 *
 *   <xsl:stylesheet ... xmlns:cal="urn:cindoc:calendar" exclude-result-prefixes="cal">
 *   <xsl:value-of select="cal:add-working-days(@date, 10)"/>
 *
 * Functions (dates are strings YYYY-MM-DD; n is a whole number):
 *   cal:add-working-days(date, n)      string  the n-th working day after date (before: n < 0)
 *   cal:working-days-between(a, b)     number  working days d with a < d <= b (negative if b < a)
 *   cal:is-working-day(date)           boolean
 *   cal:next-working-day(date)         string  date itself when it is a working day
 *   cal:holiday-name(date)             string  bank holiday or closure name, '' when none
 *   cal:add-days(date, n)              string
 *   cal:add-weeks(date, n)             string
 *   cal:add-months(date, n)            string  end of month when the day does not exist
 *   cal:days-between(a, b)             number  b - a in days
 *   cal:weekday(date)                  number  1 Monday ... 7 Sunday
 *   cal:age(born, on)                  number  whole years
 *
 * The rules of the case (rules.h), in the namespace urn:cindoc:rules:
 *   rules:due(name, date)              string  the day the timescale `name` ("minutes-sent",
 *                                              "case-note", ...) ends after the event on date
 * A bad date, a bad number or a wrong number of arguments is a transform error
 * ("cal:add-working-days: '2026-02-30' is not a date: February 2026 has 28 days") that stops
 * the transformation.
 *
 * The calendar is reached through the transform context's XPath context (its userData field,
 * which libxslt leaves to the application): nothing else in cindoc may use that field.
 */
#ifndef CD_CALENDAR_XSLT_H
#define CD_CALENDAR_XSLT_H

#include <glib.h>
#include <libxslt/xsltInternals.h>

#include "case/calendar.h"

#define CD_CALENDAR_NS "urn:cindoc:calendar"
#define CD_RULES_NS "urn:cindoc:rules"

/* Registers the functions (both namespaces) on one transform context (call it after xsltNewTransformContext and
 * before xsltApplyStylesheetUser). `cal` must outlive the context. Registering the same calendar
 * twice does nothing. Returns 0, or -CD_EXIT_INTERNAL (with a message) when the context's XPath
 * userData already holds something else. */
int cd_calendar_register_xslt(xsltTransformContextPtr ctxt, cd_calendar *cal);

/* For every extension function of cindoc (these, and l10n:text in transform/phrases.c): reports
 * an error in function `fn` ("cal:add-days") as a transform error and stops the transformation. */
void cd_xslt_fail(xmlXPathParserContextPtr ctxt, const char *fn, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

#endif
