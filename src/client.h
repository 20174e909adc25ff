/*
 * client.h -- what the command line asks of the client (filled by
 * main.c, carried out by client.c).
 */
#ifndef ROOST_CLIENT_H
#define ROOST_CLIENT_H

/* What the user asked for, after screen(1)-style flag parsing. */
enum client_verb {
	CLIENT_NEW,	/* create a session (attached unless -d -m) */
	CLIENT_ATTACH,	/* -r, -x, -R, -d -r ... */
	CLIENT_LIST,	/* -ls, -list */
	CLIENT_WIPE,	/* -wipe */
	CLIENT_DETACH,	/* -d [NAME] alone: detach it elsewhere */
	CLIENT_COMMAND, /* -X CMD ...: run a command in a session */
	CLIENT_QUERY,	/* -Q CMD ...: run it and print its result */
};

struct client_request {
	enum client_verb verb;
	const char *session; /* -S NAME, or the NAME after -r/-x/-d */
	const char *window;  /* -p WINDOW */
	const char *title;   /* -t TITLE */
	const char *rcfile;  /* -c FILE */
	const char *escape;  /* -e xy */
	const char *history; /* -h lines */
	const char *term;    /* -T term */
	int detached;	     /* -d -m: create without attaching */
	int multi;	     /* -x: attach even if attached elsewhere */
	int steal;	     /* -d/-D with -r/-R: detach elsewhere first */
	int power;	     /* -D: power detach (as -d here) */
	int create;	     /* -R: create when nothing to resume */
	int first;	     /* -RR: take the first suitable session */
	int nested;	     /* running inside a roost window */
	char **argv;	     /* the command (window command or -X words) */
	int argc;
};

/* Carry out req; returns the process exit status. */
int client_main(struct client_request *req);

#endif
