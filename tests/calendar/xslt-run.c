/* xslt-run.c - tests only: applies a stylesheet with the calendar functions registered, as the
 * document templates do. usage: xslt-run [--closures FILE | --conflict] STYLESHEET DOCUMENT
 * --conflict registers a second calendar on the same context, which must be refused. */
#include <stdio.h>
#include <string.h>

#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "case/calendar-xslt.h"
#include "base/cindoc.h"

int main(int argc, char **argv)
{
	int i = 1, rc = 0, conflict = 0;
	cd_calendar *cal = cd_calendar_new();
	if (argc > 1 && strcmp(argv[1], "--conflict") == 0) {
		conflict = 1;
		i = 2;
	} else if (argc > 2 && strcmp(argv[1], "--closures") == 0) {
		if (cd_calendar_load_closures(cal, argv[2]) < 0)
			return 3;
		i = 3;
	}
	if (argc - i != 2) {
		fputs("usage: xslt-run [--closures FILE | --conflict] STYLESHEET DOCUMENT\n", stderr);
		return 2;
	}
	xsltStylesheetPtr style = xsltParseStylesheetFile((const xmlChar *)argv[i]);
	xmlDocPtr doc = xmlReadFile(argv[i + 1], NULL, XML_PARSE_NONET);
	if (!style || !doc)
		return 4;
	xsltTransformContextPtr ctxt = xsltNewTransformContext(style, doc);
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetCtxtSecurityPrefs(sec, ctxt);
	if (cd_calendar_register_xslt(ctxt, cal) < 0)
		return 70;
	/* Registering twice with the same calendar is allowed; another user of the field is not. */
	if (cd_calendar_register_xslt(ctxt, cal) < 0)
		return 70;
	if (conflict) {
		cd_calendar *other = cd_calendar_new();
		rc = cd_calendar_register_xslt(ctxt, other);
		cd_calendar_free(other);
		return rc == 0 ? 71 : 70;
	}
	xmlDocPtr res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	if (!res || ctxt->state != XSLT_STATE_OK)
		rc = 5;
	else
		xsltSaveResultToFile(stdout, res, style);
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctxt);
	xsltFreeSecurityPrefs(sec);
	xmlFreeDoc(doc);
	xsltFreeStylesheet(style);
	cd_calendar_free(cal);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
