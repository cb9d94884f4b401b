/* case/calendar-xslt.c - the working-day calendar as XSLT extension functions (calendar-xslt.h). */
#include "case/calendar-xslt.h"

#include <math.h>
#include <string.h>

#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/xsltutils.h>

#include "base/cindoc.h"
#include "case/rules.h"

void cd_xslt_fail(xmlXPathParserContextPtr ctxt, const char *fn, const char *fmt, ...)
{
	xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
	va_list ap;
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	xsltTransformError(tctxt, NULL, tctxt ? tctxt->inst : NULL, "%s: %s\n", fn, msg);
	g_free(msg);
	if (tctxt)
		tctxt->state = XSLT_STATE_STOPPED;
}

static cd_calendar *calendar_of(xmlXPathParserContextPtr ctxt)
{
	xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
	if (!tctxt || !tctxt->xpathCtxt)
		return NULL;
	return tctxt->xpathCtxt->userData;
}

/* The arguments of one call, popped from the XPath stack (last on top) and freed by drop(). */
struct args {
	int n;
	xmlXPathObjectPtr v[2];
};

static void drop(struct args *a)
{
	for (int i = 0; i < a->n; i++)
		xmlXPathFreeObject(a->v[i]);
	a->n = 0;
}

/* Pops all nargs arguments; reports when there are not `want` of them. Returns 0 or -1. */
static int take(xmlXPathParserContextPtr ctxt, const char *fn, int nargs, int want, struct args *a)
{
	a->n = 0;
	if (nargs != want) {
		for (int i = 0; i < nargs; i++)
			xmlXPathFreeObject(valuePop(ctxt));
		cd_xslt_fail(ctxt, fn, "takes %d argument%s, not %d", want, want == 1 ? "" : "s", nargs);
		return -1;
	}
	for (int i = nargs - 1; i >= 0; i--)
		a->v[i] = valuePop(ctxt);
	a->n = nargs;
	for (int i = 0; i < nargs; i++)
		if (!a->v[i]) {
			drop(a);
			cd_xslt_fail(ctxt, fn, "an argument is missing");
			return -1;
		}
	return 0;
}

/* Argument i as a date. Returns 0, or -1 after reporting. */
static int arg_date(xmlXPathParserContextPtr ctxt, const char *fn, struct args *a, int i, cd_date *out)
{
	xmlChar *s = xmlXPathCastToString(a->v[i]);
	char why[CD_DATE_WHY];
	int rc = s ? cd_date_parse((const char *)s, out, why) : -1;
	if (rc < 0)
		cd_xslt_fail(ctxt, fn, "'%s' is not a date: %s", s ? (const char *)s : "", s ? why : "no memory");
	xmlFree(s);
	return rc < 0 ? -1 : 0;
}

/* Argument i as a whole number (|n| <= 1000000). Returns 0, or -1 after reporting. */
static int arg_int(xmlXPathParserContextPtr ctxt, const char *fn, struct args *a, int i, int *out)
{
	double v = xmlXPathCastToNumber(a->v[i]);
	if (isnan(v) || v != floor(v) || fabs(v) > 1000000) {
		cd_xslt_fail(ctxt, fn, "the number of days must be a whole number from -1000000 to 1000000");
		return -1;
	}
	*out = (int)v;
	return 0;
}

static void push_date(xmlXPathParserContextPtr ctxt, const char *fn, cd_date d)
{
	char buf[CD_DATE_BUF];
	if (!cd_date_valid(d)) {
		cd_xslt_fail(ctxt, fn, "the result is outside the years %d to %d", CD_DATE_MIN_YEAR, CD_DATE_MAX_YEAR);
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	valuePush(ctxt, xmlXPathNewCString(cd_date_format(d, buf)));
}

static void out_of_range(xmlXPathParserContextPtr ctxt, const char *fn)
{
	cd_xslt_fail(ctxt, fn, "the dates must lie between %d-01-01 and %d-12-31", CD_CAL_FIRST_YEAR, CD_DATE_MAX_YEAR);
}

/* The date a calendar call answered (rc 0), or after its range error an empty string. */
static void push_calendar_date(xmlXPathParserContextPtr ctxt, const char *fn, int rc, cd_date d)
{
	if (rc < 0) {
		out_of_range(ctxt, fn);
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	push_date(ctxt, fn, d);
}

/* Each function pushes a value even after an error (an empty string, NaN or false), so that the
 * XPath evaluation finishes and the stopped transformation reports only our message. */

static void f_add_working_days(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char fn[] = "cal:add-working-days";
	cd_date d, r = 0;
	int n;
	struct args a;
	int bad = take(ctxt, fn, nargs, 2, &a) || arg_date(ctxt, fn, &a, 0, &d) || arg_int(ctxt, fn, &a, 1, &n);
	drop(&a);
	if (bad) {
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	int rc = cd_calendar_add_working_days(calendar_of(ctxt), d, n, &r);
	push_calendar_date(ctxt, fn, rc, r);
}

static void f_working_days_between(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char fn[] = "cal:working-days-between";
	cd_date a, b;
	int n;
	struct args v;
	int bad = take(ctxt, fn, nargs, 2, &v) || arg_date(ctxt, fn, &v, 0, &a) || arg_date(ctxt, fn, &v, 1, &b);
	drop(&v);
	if (bad) {
		valuePush(ctxt, xmlXPathNewFloat(NAN));
		return;
	}
	if (cd_calendar_working_days_between(calendar_of(ctxt), a, b, &n) < 0) {
		out_of_range(ctxt, fn);
		valuePush(ctxt, xmlXPathNewFloat(NAN));
		return;
	}
	valuePush(ctxt, xmlXPathNewFloat(n));
}

static void f_is_working_day(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char fn[] = "cal:is-working-day";
	cd_date d;
	struct args a;
	int bad = take(ctxt, fn, nargs, 1, &a) || arg_date(ctxt, fn, &a, 0, &d);
	drop(&a);
	if (bad) {
		valuePush(ctxt, xmlXPathNewBoolean(0));
		return;
	}
	int w = cd_calendar_is_working_day(calendar_of(ctxt), d);
	if (w < 0)
		out_of_range(ctxt, fn);
	valuePush(ctxt, xmlXPathNewBoolean(w > 0));
}

static void f_next_working_day(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char fn[] = "cal:next-working-day";
	cd_date d, r = 0;
	struct args a;
	int bad = take(ctxt, fn, nargs, 1, &a) || arg_date(ctxt, fn, &a, 0, &d);
	drop(&a);
	if (bad) {
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	int rc = cd_calendar_next_working_day(calendar_of(ctxt), d, &r);
	push_calendar_date(ctxt, fn, rc, r);
}

static void f_holiday_name(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char fn[] = "cal:holiday-name";
	cd_date d;
	cd_holiday h;
	struct args a;
	int bad = take(ctxt, fn, nargs, 1, &a) || arg_date(ctxt, fn, &a, 0, &d);
	drop(&a);
	if (bad) {
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	if (cd_calendar_holiday_on(calendar_of(ctxt), d, &h))
		valuePush(ctxt, xmlXPathNewCString(h.name));
	else
		valuePush(ctxt, xmlXPathNewCString(""));
}

enum unit { DAYS, WEEKS, MONTHS };

static void add_units(xmlXPathParserContextPtr ctxt, int nargs, const char *fn, enum unit u)
{
	cd_date d;
	int n;
	struct args a;
	int bad = take(ctxt, fn, nargs, 2, &a) || arg_date(ctxt, fn, &a, 0, &d) || arg_int(ctxt, fn, &a, 1, &n);
	drop(&a);
	if (bad) {
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	if (u == MONTHS && (n > 12 * 10000 || n < -12 * 10000)) {
		cd_xslt_fail(ctxt, fn, "the result is outside the years %d to %d", CD_DATE_MIN_YEAR, CD_DATE_MAX_YEAR);
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	cd_date r = u == DAYS ? d + n : u == WEEKS ? d + 7 * n : cd_date_add_months(d, n);
	push_date(ctxt, fn, r);
}

static void f_add_days(xmlXPathParserContextPtr ctxt, int nargs)
{
	add_units(ctxt, nargs, "cal:add-days", DAYS);
}

static void f_add_weeks(xmlXPathParserContextPtr ctxt, int nargs)
{
	add_units(ctxt, nargs, "cal:add-weeks", WEEKS);
}

static void f_add_months(xmlXPathParserContextPtr ctxt, int nargs)
{
	add_units(ctxt, nargs, "cal:add-months", MONTHS);
}

/* The `want` (1 or 2) date arguments of a numeric function into d[]; 0, or -1 after pushing
 * NaN (the error is reported). */
static int dates_or_nan(xmlXPathParserContextPtr ctxt, const char *fn, int nargs, int want, cd_date d[2])
{
	struct args a;
	int bad = take(ctxt, fn, nargs, want, &a) || arg_date(ctxt, fn, &a, 0, &d[0]) ||
	          (want > 1 && arg_date(ctxt, fn, &a, 1, &d[1]));
	drop(&a);
	if (bad)
		valuePush(ctxt, xmlXPathNewFloat(NAN));
	return bad ? -1 : 0;
}

static void f_days_between(xmlXPathParserContextPtr ctxt, int nargs)
{
	cd_date d[2];
	if (dates_or_nan(ctxt, "cal:days-between", nargs, 2, d) == 0)
		valuePush(ctxt, xmlXPathNewFloat((double)d[1] - (double)d[0]));
}

static void f_weekday(xmlXPathParserContextPtr ctxt, int nargs)
{
	cd_date d[2];
	if (dates_or_nan(ctxt, "cal:weekday", nargs, 1, d) == 0)
		valuePush(ctxt, xmlXPathNewFloat(cd_date_weekday(d[0])));
}

static void f_age(xmlXPathParserContextPtr ctxt, int nargs)
{
	cd_date d[2]; /* born, on */
	if (dates_or_nan(ctxt, "cal:age", nargs, 2, d) == 0)
		valuePush(ctxt, xmlXPathNewFloat(cd_date_years_between(d[0], d[1])));
}

/* rules:due(name, date): the day the timescale `name` (rules.h) ends after `date`. */
static void f_rules_due(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char fn[] = "rules:due";
	cd_date d, r = 0;
	struct args a;
	if (take(ctxt, fn, nargs, 2, &a) < 0) {
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	xmlChar *name = xmlXPathCastToString(a.v[0]);
	int rule = cd_rule_parse((const char *)name);
	if (rule < 0)
		cd_xslt_fail(ctxt, fn, "'%s' is not a timescale", name ? (const char *)name : "");
	xmlFree(name);
	int bad = rule < 0 || arg_date(ctxt, fn, &a, 1, &d);
	drop(&a);
	if (bad) {
		valuePush(ctxt, xmlXPathNewCString(""));
		return;
	}
	int rc = cd_rule_due(calendar_of(ctxt), (enum cd_rule)rule, d, &r);
	push_calendar_date(ctxt, fn, rc, r);
}

static const struct {
	const char *ns;
	const char *name;
	xmlXPathFunction fn;
} functions[] = {
	{ CD_CALENDAR_NS, "add-working-days", f_add_working_days },
	{ CD_CALENDAR_NS, "working-days-between", f_working_days_between },
	{ CD_CALENDAR_NS, "is-working-day", f_is_working_day },
	{ CD_CALENDAR_NS, "next-working-day", f_next_working_day },
	{ CD_CALENDAR_NS, "holiday-name", f_holiday_name },
	{ CD_CALENDAR_NS, "add-days", f_add_days },
	{ CD_CALENDAR_NS, "add-weeks", f_add_weeks },
	{ CD_CALENDAR_NS, "add-months", f_add_months },
	{ CD_CALENDAR_NS, "days-between", f_days_between },
	{ CD_CALENDAR_NS, "weekday", f_weekday },
	{ CD_CALENDAR_NS, "age", f_age },
	{ CD_RULES_NS, "due", f_rules_due },
};

int cd_calendar_register_xslt(xsltTransformContextPtr ctxt, cd_calendar *cal)
{
	if (!ctxt || !ctxt->xpathCtxt || !cal)
		return cd_fail(-CD_EXIT_INTERNAL, "calendar functions: no transform context or calendar");
	if (ctxt->xpathCtxt->userData == cal)
		return 0; /* registered already */
	if (ctxt->xpathCtxt->userData)
		return cd_fail(-CD_EXIT_INTERNAL, "calendar functions: the XPath context's userData is taken");
	ctxt->xpathCtxt->userData = cal;
	for (size_t i = 0; i < G_N_ELEMENTS(functions); i++)
		if (xsltRegisterExtFunction(ctxt, (const xmlChar *)functions[i].name,
		                            (const xmlChar *)functions[i].ns, functions[i].fn) != 0)
			return cd_fail(-CD_EXIT_INTERNAL, "calendar functions: cannot register %s %s", functions[i].ns,
			               functions[i].name);
	return 0;
}
