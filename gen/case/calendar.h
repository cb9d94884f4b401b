/* case/calendar.h - dates and England & Wales working days.
 *
 * A date is a plain value: the number of days since 1970-01-01 (proleptic Gregorian), so
 * comparing and subtracting dates is integer arithmetic. Dates are written as ISO 8601
 * YYYY-MM-DD, years 1900 to 9999.
 *
 * A working day is not a Saturday, not a Sunday, not a bank holiday and not a local closure day.
 * Bank holidays are computed by rule (the rules in force since 1978: New Year's Day, Good Friday,
 * Easter Monday, early May, spring and summer bank holidays, Christmas Day and Boxing Day, with
 * substitute days) plus a table of one-off changes (extra holidays and moved ones). Local closure
 * days come from a closures file (cd_calendar_load_closures). Working-day questions are answered
 * for dates from CD_CAL_FIRST_YEAR-01-01 to 9999-12-31; outside that they fail.
 *
 * A cd_calendar holds the closure days and nothing else: after loading it never changes, so one
 * calendar may be shared by several threads. There is no global state.
 */
#ifndef CD_CALENDAR_H
#define CD_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t cd_date;

/* Marks a date that is not there (not done yet, not known). */
#define CD_DATE_NONE INT32_MIN

#define CD_DATE_MIN_YEAR 1900
#define CD_DATE_MAX_YEAR 9999
/* The first year of the current bank-holiday rules (the early May holiday began in 1978). */
#define CD_CAL_FIRST_YEAR 1978
/* Room for "YYYY-MM-DD" and its NUL. */
#define CD_DATE_BUF 11

/* --- dates (no calendar needed) --- */

/* The date of a year, month (1-12) and day (1-31); the arguments must name a real date. */
cd_date cd_date_from_ymd(int year, int month, int day);
void cd_date_to_ymd(cd_date d, int *year, int *month, int *day);
/* ISO weekday: 1 Monday ... 6 Saturday, 7 Sunday. */
int cd_date_weekday(cd_date d);
/* Days in a month of a year (28-31). */
int cd_date_month_days(int year, int month);
/* Room for the reason a date does not parse. */
#define CD_DATE_WHY 64
/* Parses exactly "YYYY-MM-DD". Returns 0, or -1 and writes a short reason into why (room for
 * CD_DATE_WHY; may be NULL): "expected YYYY-MM-DD", "there is no month 13", "February 2027 has
 * 28 days", "the year must be 1900 to 9999". The caller prints it after the input and its place:
 * "closures.txt:3: error: '2027-02-30' is not a date: February 2027 has 28 days".
 * Nothing is printed. */
int cd_date_parse(const char *s, cd_date *out, char *why);
/* Writes "YYYY-MM-DD" into buf (at least CD_DATE_BUF bytes) and returns buf. */
char *cd_date_format(cd_date d, char *buf);
/* The same date n months later (n may be negative); a day past the end of the target month
 * becomes its last day (2027-01-31 + 1 month = 2027-02-28). */
cd_date cd_date_add_months(cd_date d, int n);
/* The same day n years later (n may be negative): an anniversary. 29 February becomes 1 March
 * in a year that has none (England and Wales: the day a birthday falls). */
cd_date cd_date_add_years(cd_date d, int n);
/* Whole years from `from` to `to`: an age. Someone born on 29 February has their birthday on
 * 1 March in other years (England and Wales). Negative when to < from. */
int cd_date_years_between(cd_date from, cd_date to);
/* True when the date lies within the supported years (CD_DATE_MIN_YEAR..MAX). */
int cd_date_valid(cd_date d);
/* Today in local time. */
cd_date cd_date_today(void);

/* --- bank holidays and the calendar --- */

typedef struct cd_calendar cd_calendar;

/* One bank holiday or closure day. `name` and `note` are static strings (closures: owned by
 * the calendar); note is "" or "substitute day", "moved", "extra bank holiday",
 * "local closure". */
typedef struct cd_holiday {
	cd_date date;
	const char *name;
	const char *note;
} cd_holiday;

/* A calendar of bank holidays with no local closures. Never NULL. */
cd_calendar *cd_calendar_new(void);
void cd_calendar_free(cd_calendar *cal);

/* Adds the closure days of a closures file: one date or DATE..DATE range (inclusive) per line,
 * optionally followed by blanks and a description; blank lines and lines starting with '#' are
 * ignored. Each bad line is reported as "file:line: error: ..." and the whole file is refused
 * (nothing is added). Returns 0, -CD_EXIT_INVALID or -CD_EXIT_NOREAD. */
int cd_calendar_load_closures(cd_calendar *cal, const char *path);
/* A calendar with the closure days of `closures_path` (NULL: none): what every command that takes
 * --closures needs. NULL after printing why, with *rc set to the negative exit code. */
cd_calendar *cd_calendar_open(const char *closures_path, int *rc);
/* The same from a string already read (`name` is used in messages). */
int cd_calendar_parse_closures(cd_calendar *cal, const char *name, const char *text);

/* The bank holidays of England & Wales in a year, in date order, as a new array (g_free it).
 * With closures != 0 the calendar's closure days of that year are merged in: each day once, and
 * only the days that would otherwise be working days (weekdays that are not bank holidays). Returns the count, or -CD_EXIT_INVALID when the year is
 * outside CD_CAL_FIRST_YEAR..9999 (*out is then NULL). Nothing is printed. */
int cd_calendar_holidays(const cd_calendar *cal, int year, int closures, cd_holiday **out);
/* The bank holiday or closure on a date: 1 and *out filled, 0 when there is none (or the date is
 * outside the supported range). */
int cd_calendar_holiday_on(const cd_calendar *cal, cd_date d, cd_holiday *out);

/* 1 if d is a working day, 0 if not, -CD_EXIT_INVALID when d is outside the supported range. */
int cd_calendar_is_working_day(const cd_calendar *cal, cd_date d);

/* The n-th working day after `from` (n > 0), before it (n < 0), or `from` itself (n == 0,
 * whether or not it is a working day). `from` itself is never counted.
 * "Within 10 working days of the meeting" is cd_calendar_add_working_days(cal, meeting, 10).
 * Returns 0, or -CD_EXIT_INVALID when a date falls outside the supported range. */
int cd_calendar_add_working_days(const cd_calendar *cal, cd_date from, int n, cd_date *out);

/* The working days d with a < d <= b when a <= b, or minus those with b < d <= a when b < a.
 * For n >= 0: between(a, add(a, n)) == n. "Overdue by N" is between(due, today).
 * Returns 0, or -CD_EXIT_INVALID when a date falls outside the supported range. */
int cd_calendar_working_days_between(const cd_calendar *cal, cd_date a, cd_date b, int *out);

/* The first working day on or after d (deadlines that fall on a closed day move forward). */
int cd_calendar_next_working_day(const cd_calendar *cal, cd_date d, cd_date *out);

#endif
