/* case/calendar.c - dates, England & Wales bank holidays by rule, local closures, working days. */
#include "case/calendar.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/cindoc.h"

/* ---------------------------------------------------------------- dates */

/* Days from 1970-01-01 to a proleptic Gregorian date (eras of 400 years, March-based years). */
cd_date cd_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (cd_date)(era * 146097 + doe - 719468);
}

void cd_date_to_ymd(cd_date z, int *year, int *month, int *day)
{
	int32_t n = z + 719468;
	int era = (n >= 0 ? n : n - 146096) / 146097;
	int doe = n - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;
	if (year)
		*year = yoe + era * 400 + (m <= 2);
	if (month)
		*month = m;
	if (day)
		*day = d;
}

int cd_date_weekday(cd_date d)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)(((int64_t)d + 3) % 7);
	if (w < 0)
		w += 7;
	return w + 1;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cd_date_month_days(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && leap(year))
		return 29;
	return days[month - 1];
}

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"
};

static int digits(const char *s, int n, int *value)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*value = v;
	return 0;
}

int cd_date_parse(const char *s, cd_date *out, char *why)
{
	int y, m, d;
	char dummy[CD_DATE_WHY];
	if (!why)
		why = dummy;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
	    digits(s + 8, 2, &d)) {
		snprintf(why, CD_DATE_WHY, "expected YYYY-MM-DD");
		return -1;
	}
	if (y < CD_DATE_MIN_YEAR || y > CD_DATE_MAX_YEAR) {
		snprintf(why, CD_DATE_WHY, "the year must be %d to %d", CD_DATE_MIN_YEAR, CD_DATE_MAX_YEAR);
		return -1;
	}
	if (m < 1 || m > 12) {
		snprintf(why, CD_DATE_WHY, "there is no month %d", m);
		return -1;
	}
	if (d < 1 || d > cd_date_month_days(y, m)) {
		snprintf(why, CD_DATE_WHY, "%s %d has %d days", month_names[m - 1], y, cd_date_month_days(y, m));
		return -1;
	}
	*out = cd_date_from_ymd(y, m, d);
	return 0;
}

char *cd_date_format(cd_date d, char *buf)
{
	int y, m, dd;
	cd_date_to_ymd(d, &y, &m, &dd);
	/* Dates are kept within 1900..9999: four digits. */
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)dd % 100u;
	snprintf(buf, CD_DATE_BUF, "%04u-%02u-%02u", uy, um, ud);
	return buf;
}

cd_date cd_date_add_months(cd_date d, int n)
{
	int y, m, dd;
	cd_date_to_ymd(d, &y, &m, &dd);
	long months = (long)y * 12 + (m - 1) + n;
	y = (int)(months >= 0 ? months / 12 : (months - 11) / 12);
	m = (int)(months - (long)y * 12) + 1;
	if (dd > cd_date_month_days(y, m))
		dd = cd_date_month_days(y, m);
	return cd_date_from_ymd(y, m, dd);
}

/* The birthday of someone born on `born` in year y (29 February: 1 March in other years). */
static cd_date birthday_in(int born_m, int born_d, int y)
{
	if (born_m == 2 && born_d == 29 && !leap(y))
		return cd_date_from_ymd(y, 3, 1);
	return cd_date_from_ymd(y, born_m, born_d);
}

cd_date cd_date_add_years(cd_date d, int n)
{
	int y, m, dd;
	cd_date_to_ymd(d, &y, &m, &dd);
	return birthday_in(m, dd, y + n);
}

int cd_date_years_between(cd_date from, cd_date to)
{
	if (to < from)
		return -cd_date_years_between(to, from);
	int fy, fm, fd, ty;
	cd_date_to_ymd(from, &fy, &fm, &fd);
	cd_date_to_ymd(to, &ty, NULL, NULL);
	int years = ty - fy;
	if (birthday_in(fm, fd, ty) > to)
		years--;
	return years;
}

int cd_date_valid(cd_date d)
{
	return d >= cd_date_from_ymd(CD_DATE_MIN_YEAR, 1, 1) && d <= cd_date_from_ymd(CD_DATE_MAX_YEAR, 12, 31);
}

cd_date cd_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return cd_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---------------------------------------------------------------- bank holidays */

enum rule { NEW_YEAR, GOOD_FRIDAY, EASTER_MONDAY, EARLY_MAY, SPRING, SUMMER, CHRISTMAS, BOXING, N_RULES };

static const char *const rule_names[N_RULES] = {
	"New Year's Day", "Good Friday", "Easter Monday", "Early May bank holiday",
	"Spring bank holiday", "Summer bank holiday", "Christmas Day", "Boxing Day",
};

/* One-off changes made by royal proclamation: a rule holiday moved to another date... */
static const struct moved {
	int year;
	enum rule rule;
	int month, day;
	const char *name; /* NULL: keeps the rule's name */
} moved[] = {
	{ 1995, EARLY_MAY, 5, 8, "Early May bank holiday (VE Day)" },
	{ 2002, SPRING, 6, 4, NULL },  /* for the Golden Jubilee */
	{ 2012, SPRING, 6, 4, NULL },  /* for the Diamond Jubilee */
	{ 2020, EARLY_MAY, 5, 8, "Early May bank holiday (VE Day)" },
	{ 2022, SPRING, 6, 2, NULL },  /* for the Platinum Jubilee */
};

/* ...and extra bank holidays. */
static const struct extra {
	int year, month, day;
	const char *name;
} extras[] = {
	{ 1981, 7, 29, "Royal wedding bank holiday" },
	{ 1999, 12, 31, "Millennium bank holiday" },
	{ 2002, 6, 3, "Queen's Golden Jubilee bank holiday" },
	{ 2011, 4, 29, "Royal wedding bank holiday" },
	{ 2012, 6, 5, "Queen's Diamond Jubilee bank holiday" },
	{ 2022, 6, 3, "Platinum Jubilee bank holiday" },
	{ 2022, 9, 19, "Bank holiday for the State Funeral of Queen Elizabeth II" },
	{ 2023, 5, 8, "Bank holiday for the coronation of King Charles III" },
};

/* Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm of Meeus). */
static cd_date easter_sunday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100;
	int d = b / 4, e = b % 4;
	int f = (b + 8) / 25;
	int g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;
	return cd_date_from_ymd(y, month, day);
}

/* The first Monday on or after d. */
static cd_date monday_on_or_after(cd_date d)
{
	return d + (8 - cd_date_weekday(d)) % 7;
}

/* The last Monday on or before d. */
static cd_date monday_on_or_before(cd_date d)
{
	return d - (cd_date_weekday(d) + 6) % 7;
}

static int holiday_cmp(const void *a, const void *b)
{
	const cd_holiday *x = a, *y = b;
	return (x->date > y->date) - (x->date < y->date);
}

#define MAX_BANK 16

/* The bank holidays of one year, sorted; year within CD_CAL_FIRST_YEAR..9999. */
static int bank_holidays(int y, cd_holiday out[MAX_BANK])
{
	static const char sub[] = "substitute day";
	int n = 0;
	cd_date jan1 = cd_date_from_ymd(y, 1, 1);
	cd_date easter = easter_sunday(y);
	cd_date xmas = cd_date_from_ymd(y, 12, 25);
	int xw = cd_date_weekday(xmas);
	cd_date dates[N_RULES];
	const char *notes[N_RULES] = { "", "", "", "", "", "", "", "" };

	/* New Year's Day: a Saturday or Sunday moves to the Monday after. */
	dates[NEW_YEAR] = jan1;
	if (cd_date_weekday(jan1) >= 6) {
		dates[NEW_YEAR] = monday_on_or_after(jan1);
		notes[NEW_YEAR] = sub;
	}
	dates[GOOD_FRIDAY] = easter - 2;
	dates[EASTER_MONDAY] = easter + 1;
	dates[EARLY_MAY] = monday_on_or_after(cd_date_from_ymd(y, 5, 1));
	dates[SPRING] = monday_on_or_before(cd_date_from_ymd(y, 5, 31));
	dates[SUMMER] = monday_on_or_before(cd_date_from_ymd(y, 8, 31));
	/* Christmas Day and Boxing Day: a day that falls on a weekend moves to the next weekday that
	 * is not already one of the two (Saturday Christmas: Monday 27th and Tuesday 28th; Sunday
	 * Christmas: Boxing Day on Monday 26th, Christmas on Tuesday 27th). */
	dates[CHRISTMAS] = xmas;
	dates[BOXING] = xmas + 1;
	if (xw == 6) {          /* Saturday */
		dates[CHRISTMAS] = xmas + 2;
		dates[BOXING] = xmas + 3;
		notes[CHRISTMAS] = notes[BOXING] = sub;
	} else if (xw == 7) {   /* Sunday */
		dates[CHRISTMAS] = xmas + 2;
		notes[CHRISTMAS] = sub;
	} else if (xw == 5) {   /* Friday: Boxing Day on Saturday */
		dates[BOXING] = xmas + 3;
		notes[BOXING] = sub;
	}
	const char *names[N_RULES];
	for (int r = 0; r < N_RULES; r++)
		names[r] = rule_names[r];
	for (size_t i = 0; i < G_N_ELEMENTS(moved); i++) {
		if (moved[i].year != y)
			continue;
		dates[moved[i].rule] = cd_date_from_ymd(y, moved[i].month, moved[i].day);
		notes[moved[i].rule] = "moved";
		if (moved[i].name)
			names[moved[i].rule] = moved[i].name;
	}
	for (int r = 0; r < N_RULES; r++)
		out[n++] = (cd_holiday){ dates[r], names[r], notes[r] };
	for (size_t i = 0; i < G_N_ELEMENTS(extras); i++)
		if (extras[i].year == y)
			out[n++] = (cd_holiday){ cd_date_from_ymd(y, extras[i].month, extras[i].day),
			                         extras[i].name, "extra bank holiday" };
	qsort(out, (size_t)n, sizeof *out, holiday_cmp);
	return n;
}

/* The bank holidays of the year last asked about, so that walking day by day computes each year
 * once. Lives on the caller's stack: the calendar itself never changes. */
struct year_cache {
	int year;
	int n;
	cd_holiday h[MAX_BANK];
};

static const cd_holiday *bank_holiday_on(struct year_cache *c, cd_date d)
{
	int y;
	cd_date_to_ymd(d, &y, NULL, NULL);
	if (c->year != y) {
		c->n = bank_holidays(y, c->h);
		c->year = y;
	}
	for (int i = 0; i < c->n; i++)
		if (c->h[i].date == d)
			return &c->h[i];
	return NULL;
}

/* ---------------------------------------------------------------- the calendar */

struct closure {
	cd_date from, to; /* inclusive */
	char *name;
};

struct cd_calendar {
	GArray *closures; /* struct closure, sorted by from */
};

cd_calendar *cd_calendar_new(void)
{
	cd_calendar *cal = g_new0(cd_calendar, 1);
	cal->closures = g_array_new(FALSE, TRUE, sizeof(struct closure));
	return cal;
}

void cd_calendar_free(cd_calendar *cal)
{
	if (!cal)
		return;
	for (guint i = 0; i < cal->closures->len; i++)
		g_free(g_array_index(cal->closures, struct closure, i).name);
	g_array_free(cal->closures, TRUE);
	g_free(cal);
}

static cd_date first_day(void)
{
	return cd_date_from_ymd(CD_CAL_FIRST_YEAR, 1, 1);
}

static cd_date last_day(void)
{
	return cd_date_from_ymd(CD_DATE_MAX_YEAR, 12, 31);
}

static int in_range(cd_date d)
{
	return d >= first_day() && d <= last_day();
}

/* Longest range a closures line may give: a longer one is almost certainly a typing error. */
#define MAX_CLOSURE_DAYS 366

static const struct closure *closure_on(const cd_calendar *cal, cd_date d)
{
	/* Closures are sorted by first day and none is longer than MAX_CLOSURE_DAYS, so only those
	 * that start in the MAX_CLOSURE_DAYS up to d can cover it: find the first by bisection. */
	guint lo = 0, hi = cal->closures->len;
	cd_date earliest = d - (MAX_CLOSURE_DAYS - 1);
	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		if (g_array_index(cal->closures, struct closure, mid).from < earliest)
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct closure *found = NULL;
	for (guint i = lo; i < cal->closures->len; i++) {
		const struct closure *c = &g_array_index(cal->closures, struct closure, i);
		if (c->from > d)
			break;
		if (c->to >= d)
			found = c;
	}
	return found;
}

static int closure_cmp(const void *a, const void *b)
{
	const struct closure *x = a, *y = b;
	if (x->from != y->from)
		return (x->from > y->from) - (x->from < y->from);
	return (x->to > y->to) - (x->to < y->to);
}

/* A closures file larger than this, or with more closure lines, is refused (a few closures a
 * year is usual); after this many bad lines it is not read further. */
#define MAX_CLOSURES_BYTES (1024 * 1024)
#define MAX_CLOSURES 10000
#define MAX_CLOSURE_ERRORS 10

/* A token is quoted back in a message only when it looks like an attempt at a date or a range
 * (digits, '-' and '.', with a '-', short): a file that is not a closures file (--closures
 * /etc/shadow) must not be echoed into the terminal or a log. */
static int quotable(const char *tok)
{
	size_t n = strlen(tok);
	if (n == 0 || n > 2 * 10 + 2 || !strchr(tok, '-'))
		return 0;
	return strspn(tok, "0123456789-.") == n;
}

/* Parses one date token of a closures line; reports and returns -1 when it is bad. */
static int closure_date(const char *file, long line, const char *tok, cd_date *out)
{
	char why[CD_DATE_WHY];
	if (cd_date_parse(tok, out, why) < 0) {
		if (quotable(tok))
			cd_error_at(file, line, "'%s' is not a date: %s", tok, why);
		else
			cd_error_at(file, line, "expected a date (YYYY-MM-DD) or a range (DATE..DATE) at the start of the line");
		return -1;
	}
	if (!in_range(*out)) {
		cd_error_at(file, line, "'%s' is before %d, the first year of the calendar", tok, CD_CAL_FIRST_YEAR);
		return -1;
	}
	return 0;
}

/* Parses one line (without its newline). Returns 1 and fills *c for a closure, 0 for a blank or
 * comment line, -1 after reporting an error. */
static int closure_line(const char *file, long line, char *s, struct closure *c)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		s[--len] = '\0';
	if (*s == '\0' || *s == '#')
		return 0;
	char *end = s + strcspn(s, " \t");
	char *rest = end;
	while (*rest == ' ' || *rest == '\t')
		rest++;
	*end = '\0';
	char *dots = strstr(s, "..");
	if (dots) {
		*dots = '\0';
		const char *to = dots + 2;
		if (*s == '\0' || *to == '\0') {
			if (!quotable(*s ? s : to))
				cd_error_at(file, line, "expected a date (YYYY-MM-DD) or a range (DATE..DATE) at the start of the line");
			else if (*s == '\0')
				cd_error_at(file, line, "range '..%s' has no first date", to);
			else
				cd_error_at(file, line, "range '%s..' has no last date", s);
			return -1;
		}
		if (closure_date(file, line, s, &c->from) < 0 || closure_date(file, line, to, &c->to) < 0)
			return -1;
		if (c->to < c->from) {
			cd_error_at(file, line, "range '%s..%s' ends before it starts", s, to);
			return -1;
		}
		if (c->to - c->from + 1 > MAX_CLOSURE_DAYS) {
			cd_error_at(file, line, "range '%s..%s' is %d days long; a line may close at most %d days",
			            s, to, (int)(c->to - c->from + 1), MAX_CLOSURE_DAYS);
			return -1;
		}
	} else {
		if (closure_date(file, line, s, &c->from) < 0)
			return -1;
		c->to = c->from;
	}
	if (!g_utf8_validate(rest, -1, NULL)) {
		cd_error_at(file, line, "the description is not valid UTF-8");
		return -1;
	}
	c->name = g_strdup(*rest ? rest : "Office closed");
	return 1;
}

int cd_calendar_parse_closures(cd_calendar *cal, const char *name, const char *text)
{
	GArray *add = g_array_new(FALSE, TRUE, sizeof(struct closure));
	int bad = 0;
	long line = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		if (bad >= MAX_CLOSURE_ERRORS) {
			cd_error_at(name, 0, "%d bad lines: not read further (is it a closures file?)", bad);
			break;
		}
		if (add->len >= MAX_CLOSURES) {
			cd_error_at(name, line, "more than %d closure lines: refused", MAX_CLOSURES);
			bad++;
			break;
		}
		char *s = g_strndup(p, n);
		struct closure c = { 0 };
		int r = closure_line(name, line, s, &c);
		if (r < 0)
			bad++;
		else if (r > 0)
			g_array_append_val(add, c);
		g_free(s);
		p += n;
		if (*p == '\n')
			p++;
	}
	if (bad) {
		for (guint i = 0; i < add->len; i++)
			g_free(g_array_index(add, struct closure, i).name);
		g_array_free(add, TRUE);
		return -CD_EXIT_INVALID;
	}
	g_array_append_vals(cal->closures, add->data, add->len);
	g_array_free(add, TRUE);
	g_array_sort(cal->closures, closure_cmp);
	return 0;
}

int cd_calendar_load_closures(cd_calendar *cal, const char *path)
{
	char *text;
	size_t len;
	int rc = cd_read_input(path, MAX_CLOSURES_BYTES, &text, &len);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		g_free(text);
		return cd_error_at(path, 0, "larger than %d KiB: not a closures file", MAX_CLOSURES_BYTES / 1024);
	}
	if (memchr(text, '\0', len) != NULL) {
		/* Find the line for the message. */
		long line = 1;
		for (const char *q = text; *q; q++)
			line += *q == '\n';
		g_free(text);
		return cd_error_at(path, line, "the line holds a NUL byte");
	}
	rc = cd_calendar_parse_closures(cal, path, text);
	g_free(text);
	return rc;
}

int cd_calendar_holidays(const cd_calendar *cal, int year, int closures, cd_holiday **out)
{
	*out = NULL;
	if (year < CD_CAL_FIRST_YEAR || year > CD_DATE_MAX_YEAR)
		return -CD_EXIT_INVALID;
	cd_holiday bank[MAX_BANK];
	int n = bank_holidays(year, bank);
	GArray *a = g_array_new(FALSE, FALSE, sizeof(cd_holiday));
	g_array_append_vals(a, bank, (guint)n);
	if (closures) {
		cd_date y0 = cd_date_from_ymd(year, 1, 1), y1 = cd_date_from_ymd(year, 12, 31);
		struct year_cache yc = { 0 };
		for (guint i = 0; i < cal->closures->len; i++) {
			const struct closure *c = &g_array_index(cal->closures, struct closure, i);
			cd_date from = c->from > y0 ? c->from : y0, to = c->to < y1 ? c->to : y1;
			for (cd_date d = from; d <= to; d++) {
				if (cd_date_weekday(d) >= 6 || bank_holiday_on(&yc, d))
					continue;
				if (closure_on(cal, d) != c)
					continue; /* an overlapping closure names this day */
				cd_holiday h = { d, c->name, "local closure" };
				g_array_append_val(a, h);
			}
		}
		g_array_sort(a, holiday_cmp);
	}
	n = (int)a->len;
	*out = (cd_holiday *)(void *)g_array_free(a, FALSE);
	return n;
}

int cd_calendar_holiday_on(const cd_calendar *cal, cd_date d, cd_holiday *out)
{
	if (!in_range(d))
		return 0;
	struct year_cache yc = { 0 };
	const cd_holiday *h = bank_holiday_on(&yc, d);
	if (h) {
		*out = *h;
		return 1;
	}
	const struct closure *c = closure_on(cal, d);
	if (c) {
		*out = (cd_holiday){ d, c->name, "local closure" };
		return 1;
	}
	return 0;
}

static int working(const cd_calendar *cal, struct year_cache *yc, cd_date d)
{
	if (cd_date_weekday(d) >= 6)
		return 0;
	if (bank_holiday_on(yc, d))
		return 0;
	return closure_on(cal, d) == NULL;
}

int cd_calendar_is_working_day(const cd_calendar *cal, cd_date d)
{
	if (!in_range(d))
		return -CD_EXIT_INVALID;
	struct year_cache yc = { 0 };
	return working(cal, &yc, d);
}

int cd_calendar_add_working_days(const cd_calendar *cal, cd_date from, int n, cd_date *out)
{
	if (!in_range(from))
		return -CD_EXIT_INVALID;
	struct year_cache yc = { 0 };
	int step = n < 0 ? -1 : 1;
	long left = n < 0 ? -(long)n : n;
	cd_date d = from;
	cd_date lo = first_day(), hi = last_day();
	while (left > 0) {
		d += step;
		if (d < lo || d > hi)
			return -CD_EXIT_INVALID;
		if (working(cal, &yc, d))
			left--;
	}
	*out = d;
	return 0;
}

/* Weekdays (Monday to Friday) d with a < d <= b, for a <= b. */
static long weekdays_after(cd_date a, cd_date b)
{
	long days = (long)b - a;
	long weeks = days / 7, rest = days % 7;
	long n = weeks * 5;
	int w = cd_date_weekday(a);
	for (long i = 1; i <= rest; i++) {
		int wd = (int)((w - 1 + i) % 7) + 1;
		if (wd <= 5)
			n++;
	}
	return n;
}

int cd_calendar_working_days_between(const cd_calendar *cal, cd_date a, cd_date b, int *out)
{
	if (!in_range(a) || !in_range(b))
		return -CD_EXIT_INVALID;
	int sign = 1;
	if (b < a) {
		cd_date t = a;
		a = b;
		b = t;
		sign = -1;
	}
	long n = weekdays_after(a, b);
	int ya, yb;
	cd_date_to_ymd(a, &ya, NULL, NULL);
	cd_date_to_ymd(b, &yb, NULL, NULL);
	/* Bank holidays on weekdays inside (a, b]. */
	for (int y = ya; y <= yb; y++) {
		cd_holiday h[MAX_BANK];
		int k = bank_holidays(y, h);
		for (int i = 0; i < k; i++)
			if (h[i].date > a && h[i].date <= b && cd_date_weekday(h[i].date) <= 5)
				n--;
	}
	/* Closure days on weekdays inside (a, b] that are not bank holidays, each day once. */
	struct year_cache yc = { 0 };
	cd_date done = a; /* every day <= done has been counted */
	for (guint i = 0; i < cal->closures->len; i++) {
		const struct closure *c = &g_array_index(cal->closures, struct closure, i);
		cd_date from = c->from > done + 1 ? c->from : done + 1;
		cd_date to = c->to < b ? c->to : b;
		for (cd_date d = from; d <= to; d++)
			if (cd_date_weekday(d) <= 5 && !bank_holiday_on(&yc, d))
				n--;
		if (to > done)
			done = to;
	}
	*out = (int)(sign * n);
	return 0;
}

int cd_calendar_next_working_day(const cd_calendar *cal, cd_date d, cd_date *out)
{
	if (!in_range(d))
		return -CD_EXIT_INVALID;
	struct year_cache yc = { 0 };
	while (!working(cal, &yc, d)) {
		if (++d > last_day())
			return -CD_EXIT_INVALID;
	}
	*out = d;
	return 0;
}

cd_calendar *cd_calendar_open(const char *closures_path, int *rc)
{
	cd_calendar *cal = cd_calendar_new();
	if (closures_path && (*rc = cd_calendar_load_closures(cal, closures_path)) < 0) {
		cd_calendar_free(cal);
		return NULL;
	}
	return cal;
}
