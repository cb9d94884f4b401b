/* cmd/calendar.c - cindoc calendar: working-day arithmetic (England and Wales). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/calendar.h"
#include "base/cindoc.h"
#include "cmd/cmd.h"

enum { O_CLOSURES = CD_OPT_LOCAL };

static const cd_opt calendar_opts[] = {
	{ O_CLOSURES, "closures", 0, "FILE", "local closure days (see THE CLOSURES FILE); '-' reads them from "
	  "standard input", 0 },
	{ 0 }
};
static const cd_optgroup calendar_group = { NULL, calendar_opts, NULL };

const cd_cmd_doc cd_doc_calendar = {
	.name = "calendar",
	.summary = "working-day arithmetic (England and Wales)",
	.usage = "[--closures FILE] add DATE N\n[--closures FILE] between DATE1 DATE2\n"
	         "[--closures FILE] is DATE\n[--closures FILE] days DATE1 DATE2\n[--closures FILE] holidays YEAR",
	.about =
	"Working-day arithmetic for England and Wales: a working day is not a Saturday, a Sunday, a bank "
	"holiday or a local closure day. Bank holidays are computed by rule, with their substitute days "
	"and the one-off changes since 1978. Dates are YYYY-MM-DD, from 1978 to 9999. The templates use "
	"the same calendar, so a date printed in a letter and the date that queues it agree.",
	.operands = (const cd_term[]){
		{ "add DATE N", "the N-th working day after DATE (N < 0: before it; N = 0: DATE)" },
		{ "between D1 D2", "the working days after D1 up to and including D2 (negative if D2 < D1)" },
		{ "is DATE", "'DATE is a working day' (exit 0) or why it is not (exit 1)" },
		{ "days D1 D2", "each day from D1 to D2: DATE<TAB>working, or DATE<TAB>KIND<TAB>WHY where KIND is "
		  "'bank holiday', 'closure' or 'weekend'" },
		{ "holidays YEAR", "the bank holidays of YEAR (and closure days): DATE<TAB>NAME" },
		{ NULL, NULL } },
	.groups = { &calendar_group, &cd_common_group },
	.sections = {
		{ "the closures file",
		  "One date or an inclusive range DATE..DATE (at most 366 days) per line, then optionally blanks "
		  "and a description; blank lines and lines starting with '#' are ignored. Every bad line is "
		  "reported as FILE:LINE: error: ... and the file is refused (exit 3).\n\n"
		  "  # Northbridge County Council: offices closed\n"
		  "  2026-12-29..2026-12-31   Christmas closure\n"
		  "  2026-03-16               Staff training day", NULL, NULL },
	},
	.exits = (const cd_term[]){
		CD_EXITS_DONE,
		{ "1", "is: the date is not a working day" },
		CD_EXITS_USAGE,
		{ "3", "a bad closures file, or the answer falls outside the calendar" },
		{ "4", "cannot read the closures file" },
		CD_EXITS_NOWRITE, CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc calendar add 2026-12-24 1", "2026-12-29" },
		{ "cindoc calendar add 2026-04-07 -5", "2026-03-27" },
		{ "cindoc calendar between 2026-12-24 2026-12-29", "1" },
		{ "cindoc calendar --closures=closures.txt holidays 2026", "bank holidays and local closure days" },
		{ NULL, NULL } },
	.numbers = 1,
};

static int arg_date(const char *s, cd_date *d)
{
	char why[CD_DATE_WHY];
	if (cd_date_parse(s, d, why) < 0) {
		fprintf(stderr, "cindoc calendar: '%s' is not a date: %s\n", s, why);
		return -CD_EXIT_USAGE;
	}
	int y;
	cd_date_to_ymd(*d, &y, NULL, NULL);
	if (y < CD_CAL_FIRST_YEAR) {
		fprintf(stderr, "cindoc calendar: '%s' is before %d, the first year of the calendar\n", s,
		        CD_CAL_FIRST_YEAR);
		return -CD_EXIT_USAGE;
	}
	return 0;
}

static int arg_int(const char *s, long lo, long hi, const char *what, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno || v < lo || v > hi) {
		fprintf(stderr, "cindoc calendar: '%s' is not %s from %ld to %ld\n", s, what, lo, hi);
		return -CD_EXIT_USAGE;
	}
	*out = v;
	return 0;
}

static int outside(void)
{
	fprintf(stderr, "cindoc calendar: the answer falls outside the calendar (%d-01-01 to %d-12-31)\n",
	        CD_CAL_FIRST_YEAR, CD_DATE_MAX_YEAR);
	return CD_EXIT_INVALID;
}

static int do_add(cd_calendar *cal, char **args)
{
	cd_date d, r;
	long n;
	if (arg_date(args[0], &d) || arg_int(args[1], -100000, 100000, "a number of days", &n))
		return CD_EXIT_USAGE;
	if (cd_calendar_add_working_days(cal, d, (int)n, &r) < 0)
		return outside();
	char buf[CD_DATE_BUF];
	printf("%s\n", cd_date_format(r, buf));
	return CD_EXIT_OK;
}

static int do_between(cd_calendar *cal, char **args)
{
	cd_date a, b;
	int n;
	if (arg_date(args[0], &a) || arg_date(args[1], &b))
		return CD_EXIT_USAGE;
	if (cd_calendar_working_days_between(cal, a, b, &n) < 0)
		return outside();
	printf("%d\n", n);
	return CD_EXIT_OK;
}

static int do_is(cd_calendar *cal, char **args)
{
	static const char *const days[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		                             "Saturday", "Sunday" };
	cd_date d;
	cd_holiday h;
	if (arg_date(args[0], &d))
		return CD_EXIT_USAGE;
	int w = cd_calendar_is_working_day(cal, d);
	if (w < 0)
		return outside();
	if (w) {
		printf("%s is a working day\n", args[0]);
		return CD_EXIT_OK;
	}
	if (cd_calendar_holiday_on(cal, d, &h))
		printf("%s is not a working day: %s%s%s%s\n", args[0], h.name, *h.note ? " (" : "", h.note,
		       *h.note ? ")" : "");
	else
		printf("%s is not a working day: %s\n", args[0], days[cd_date_weekday(d) - 1]);
	return 1;
}

static int do_days(cd_calendar *cal, char **args)
{
	static const char *const days[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		                             "Saturday", "Sunday" };
	cd_date a, b;
	if (arg_date(args[0], &a) || arg_date(args[1], &b))
		return CD_EXIT_USAGE;
	if (b < a) {
		fprintf(stderr, "cindoc calendar: '%s' is after '%s'\n", args[0], args[1]);
		return CD_EXIT_USAGE;
	}
	char buf[CD_DATE_BUF];
	for (cd_date d = a; d <= b; d++) {
		cd_holiday h;
		int wd = cd_date_weekday(d);
		cd_date_format(d, buf);
		if (cd_calendar_is_working_day(cal, d) > 0)
			printf("%s\tworking\n", buf);
		else if (cd_calendar_holiday_on(cal, d, &h) && strcmp(h.note, "local closure") != 0)
			printf("%s\tbank holiday\t%s\n", buf, h.name);
		else if (wd >= 6)
			printf("%s\tweekend\t%s\n", buf, days[wd - 1]);
		else if (cd_calendar_holiday_on(cal, d, &h))
			printf("%s\tclosure\t%s\n", buf, h.name);
		else
			CD_BUG("%s is neither working nor closed", buf);
	}
	return CD_EXIT_OK;
}

static int do_holidays(cd_calendar *cal, char **args, int closures)
{
	long y;
	if (arg_int(args[0], CD_CAL_FIRST_YEAR, CD_DATE_MAX_YEAR, "a year", &y))
		return CD_EXIT_USAGE;
	cd_holiday *h;
	int n = cd_calendar_holidays(cal, (int)y, closures, &h);
	if (n < 0)
		return outside();
	char buf[CD_DATE_BUF];
	for (int i = 0; i < n; i++)
		printf("%s\t%s%s%s%s\n", cd_date_format(h[i].date, buf), h[i].name, *h[i].note ? " (" : "",
		       h[i].note, *h[i].note ? ")" : "");
	g_free(h);
	return CD_EXIT_OK;
}

int cmd_calendar(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_calendar, argc, argv, &a))
		return a.exit;
	const char *closures = cd_args_get(&a, O_CLOSURES);
	char **args = a.operands;
	int nargs = a.noperands, rc;
	if (nargs == 0) {
		rc = cd_usage_error("calendar", "%s", "what to do? (add, between, is, days, holidays)");
		goto out;
	}
	static const struct {
		const char *name;
		int nargs;
	} subs[] = { { "add", 2 }, { "between", 2 }, { "is", 1 }, { "holidays", 1 }, { "days", 2 } };
	int which = -1;
	for (int i = 0; i < (int)G_N_ELEMENTS(subs); i++)
		if (strcmp(args[0], subs[i].name) == 0)
			which = i;
	if (which < 0) {
		rc = cd_usage_error("calendar", "'%s' is not add, between, is, days or holidays", args[0]);
		goto out;
	}
	if (nargs - 1 != subs[which].nargs) {
		rc = cd_usage_error("calendar", subs[which].nargs == 1 ? "'%s' takes one argument" : "'%s' takes two arguments",
		               args[0]);
		goto out;
	}
	cd_calendar *cal = cd_calendar_open(closures, &rc);
	if (!cal) {
		rc = -rc;
		goto out;
	}
	switch (which) {
	case 0: rc = do_add(cal, args + 1); break;
	case 1: rc = do_between(cal, args + 1); break;
	case 2: rc = do_is(cal, args + 1); break;
	case 3: rc = do_holidays(cal, args + 1, closures != NULL); break;
	default: rc = do_days(cal, args + 1); break;
	}
	cd_calendar_free(cal);
	if (fflush(stdout) != 0)
		rc = cd_fail(CD_EXIT_NOWRITE, "cannot write the answer");
out:
	cd_args_free(&a);
	return rc;
}
