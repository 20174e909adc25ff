/*
 * main.c -- roost's entry point: parses GNU screen's command line by hand
 * (it is not getopt-shaped: flags cluster as in -dmS NAME, some take their
 * argument from the rest of the word or the next word, -ls and -wipe are
 * long words with one dash, and -r/-d/-x take an optional session name
 * from the first non-flag word) and hands a client_request to client.c.
 *
 * It owns nothing but the parsing; it never talks to the server.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "roost.h"

static void
main_usage(FILE *f)
{
	fprintf(f,
	    "Use: roost [-opts] [cmd [args]]\n"
	    " or: roost -r [[pid.]tty[.host]]\n"
	    "\n"
	    "Options:\n"
	    "-c file       Read configuration file instead of ~/.roostrc.\n"
	    "-d (-r)       Detach the elsewhere running session (and "
	    "reattach here).\n"
	    "-dmS name     Start as daemon: session in detached mode.\n"
	    "-D (-r)       Detach and logout remote (and reattach here).\n"
	    "-D -RR        Do whatever is needed to get a session.\n"
	    "-ls [match]   Do nothing, just list our sessions.\n"
	    "-list         As -ls.\n"
	    "-p window     Preselect the named window if it exists.\n"
	    "-Q            Commands will send the response to the stdout "
	    "of the querying process.\n"
	    "-r [session]  Reattach to a detached session.\n"
	    "-R            Reattach if possible, otherwise start a new "
	    "session.\n"
	    "-S sockname   Name this session.\n"
	    "-t title      Set title (window's name).\n"
	    "-v            Print \"roost version " ROOST_VERSION "\".\n"
	    "-wipe         As -ls.\n"
	    "-x            Attach to a not detached session "
	    "(multi display mode).\n"
	    "-X            Execute <cmd> as a command in the specified "
	    "session.\n");
}

static void
main_bad(const char *fmt, const char *arg)
{
	fprintf(stderr, "roost: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry \"roost --help\" for more information.\n");
	exit(1);
}

/*
 * Take the argument of a flag that needs one: the rest of the word if
 * any, else the next word. *i is advanced past a consumed next word.
 */
static const char *
main_flag_arg(int argc, char **argv, int *i, const char *rest, char flag)
{
	char name[3] = { '-', flag, '\0' };

	if (*rest != '\0')
		return rest;
	if (*i + 1 >= argc)
		main_bad("%s: option requires an argument", name);
	(*i)++;
	return argv[*i];
}

/*
 * Where the argument of a flag that takes one goes (screen(1): -S name,
 * -p window, -t title, -c file, -e xy, -T term), or NULL for other flags.
 */
static const char **
main_flag_value(struct client_request *req, char flag)
{
	switch (flag) {
	case 'S':
		return &req->session;
	case 'p':
		return &req->window;
	case 't':
		return &req->title;
	case 'c':
		return &req->rcfile;
	case 'e':
		return &req->escape;
	case 'T':
		return &req->term;
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	struct client_request req;
	int i, dflag = 0, rflag = 0, xflag = 0, Rcount = 0, mflag = 0;
	int lsflag = 0, wipeflag = 0, Xflag = 0, Qflag = 0;
	const char *p, **value;

	setlocale(LC_CTYPE, "");
	memset(&req, 0, sizeof req);

	for (i = 1; i < argc; i++) {
		p = argv[i];
		if (p[0] != '-' || p[1] == '\0')
			break;
		if (strcmp(p, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(p, "--help") == 0 || strcmp(p, "-help") == 0) {
			main_usage(stdout);
			return 0;
		}
		if (strcmp(p, "--commands") == 0) {
			/* The command table as the man page lists it. */
			cmd_list_mdoc(stdout);
			return 0;
		}
		if (strcmp(p, "--version") == 0) {
			printf("roost version %s\n", ROOST_VERSION);
			return 0;
		}
		if (strcmp(p, "-ls") == 0 || strcmp(p, "-list") == 0) {
			lsflag = 1;
			continue;
		}
		if (strcmp(p, "-wipe") == 0) {
			wipeflag = 1;
			continue;
		}
		for (p++; *p != '\0'; p++) {
			if ((value = main_flag_value(&req, *p)) != NULL) {
				/* A flag whose argument is the rest of the
				   word or the next word. */
				*value =
				    main_flag_arg(argc, argv, &i, p + 1, *p);
				goto next_word;
			}
			switch (*p) {
			case 'd':
				dflag = 1;
				break;
			case 'D':
				dflag = 1;
				req.power = 1;
				break;
			case 'm':
				mflag = 1;
				break;
			case 'r':
			case 'R':
			case 'x':
				if (*p == 'r')
					rflag = 1;
				else if (*p == 'R')
					Rcount++;
				else
					xflag = 1;
				/* screen(1): the next word, if it is not an
				   option, names the session, and options may
				   follow it (roost -r name -p 1 -X ...). */
				if (req.session == NULL && i + 1 < argc &&
				    argv[i + 1][0] != '-')
					req.session = argv[++i];
				break;
			case 'X':
				Xflag = 1;
				break;
			case 'Q':
				Qflag = 1;
				break;
			case 'v':
				printf("roost version %s\n", ROOST_VERSION);
				return 0;
			case 'h':
				if (p[1] == '\0' && i + 1 >= argc) {
					main_usage(stdout);
					return 0;
				}
				/* screen(1): -h num, the history of windows. */
				req.history =
				    main_flag_arg(argc, argv, &i, p + 1, 'h');
				goto next_word;
			case 'a':
			case 'A':
			case 'U':
			case 'O':
			case 'i':
			case 'l':
			case 'n':
			case 'q':
			case 'L':
				/* Accepted for compatibility; no effect yet. */
				break;
			default: {
				char bad[2] = { *p, '\0' };
				main_bad("unknown option -%s", bad);
			}
			}
		}
	next_word:;
	}
	req.argv = argv + i;
	req.argc = argc - i;
	req.nested = getenv("ROOST") != NULL && *getenv("ROOST") != '\0';

	if (lsflag || wipeflag) {
		req.verb = wipeflag ? CLIENT_WIPE : CLIENT_LIST;
		if (req.argc > 0 && req.session == NULL)
			req.session = req.argv[0];
	} else if (Xflag || Qflag) {
		req.verb = Qflag ? CLIENT_QUERY : CLIENT_COMMAND;
		if (req.argc == 0)
			main_bad("%s: no command given", Qflag ? "-Q" : "-X");
	} else if (rflag || xflag || Rcount > 0) {
		req.verb = CLIENT_ATTACH;
		req.multi = xflag;
		req.steal = dflag;
		req.create = Rcount > 0;
		req.first = Rcount > 1;
		if (req.argc > 0 && req.session == NULL) {
			req.session = req.argv[0];
			req.argv++;
			req.argc--;
		}
	} else if (dflag && !mflag) {
		req.verb = CLIENT_DETACH;
		if (req.argc > 0 && req.session == NULL)
			req.session = req.argv[0];
	} else {
		req.verb = CLIENT_NEW;
		req.detached = dflag && mflag;
	}
	return client_main(&req);
}
