/* Where incmap's data lives: the user's data directory ($XDG_DATA_HOME/incmap, by default
 * ~/.local/share/incmap), the installed one (<prefix>/share/incmap, found beside the executable
 * first so that a relocated or DESTDIR install finds its own), and, only for programs run from
 * the build tree, the build tree's paths. Installed programs never rely on build-tree paths. */
#include "core/core.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef INCMAP_BUILD_DIR
#define INCMAP_BUILD_DIR ""
#endif
#ifndef INCMAP_SYSTEM_DATA_DIR
#define INCMAP_SYSTEM_DATA_DIR "/usr/local/share/incmap"
#endif
#ifndef INCMAP_BIN_TO_DATA
#define INCMAP_BIN_TO_DATA "../share/incmap"
#endif

/* The directory of the running executable, without the trailing slash; false if unknown. */
static bool exe_dir(char *buf, size_t n)
{
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0) {
        return false;
    }
    self[len] = '\0';
    char *slash = strrchr(self, '/');
    if (slash == NULL || slash == self) {
        return false;
    }
    *slash = '\0';
    return (size_t)snprintf(buf, n, "%s", self) < n;
}

bool incmap_run_from_build_tree(void)
{
    if (INCMAP_BUILD_DIR[0] == '\0') {
        return false;
    }
    char dir[PATH_MAX], build[PATH_MAX];
    if (!exe_dir(dir, sizeof dir) || realpath(INCMAP_BUILD_DIR, build) == NULL) {
        return false;
    }
    size_t n = strlen(build);
    return strncmp(dir, build, n) == 0 && (dir[n] == '\0' || dir[n] == '/');
}

bool incmap_user_data_dir(char *buf, size_t n)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int len = -1;
    if (xdg != NULL && xdg[0] == '/') { /* the spec: a relative value is to be ignored */
        len = snprintf(buf, n, "%s/incmap", xdg);
    } else if (home != NULL && home[0] != '\0') {
        len = snprintf(buf, n, "%s/.local/share/incmap", home);
    }
    return len > 0 && (size_t)len < n;
}

bool incmap_system_data_dir(char *buf, size_t n)
{
    char dir[PATH_MAX], rel[PATH_MAX + 64];
    struct stat st;
    if (exe_dir(dir, sizeof dir) &&
        (size_t)snprintf(rel, sizeof rel, "%s/%s", dir, INCMAP_BIN_TO_DATA) < sizeof rel &&
        stat(rel, &st) == 0 && S_ISDIR(st.st_mode) && realpath(rel, dir) != NULL) {
        return (size_t)snprintf(buf, n, "%s", dir) < n;
    }
    return (size_t)snprintf(buf, n, "%s", INCMAP_SYSTEM_DATA_DIR) < n;
}

/* NAME in DIR, into buf; true when it exists. */
static bool in_dir(const char *dir, const char *name, char *buf, size_t n)
{
    if ((size_t)snprintf(buf, n, "%s/%s", dir, name) >= n) {
        return false;
    }
    return access(buf, F_OK) == 0;
}

static void add_looked(char *looked, size_t nlooked, const char *path)
{
    if (looked != NULL && nlooked > 0) {
        size_t at = strlen(looked);
        snprintf(looked + at, nlooked - at, "%s%s", at > 0 ? ", " : "", path);
    }
}

bool incmap_data_find(const char *name, const char *build_tree_path, char *buf, size_t n,
                      char *looked, size_t nlooked)
{
    char user[PATH_MAX], sys[PATH_MAX], tmp[PATH_MAX + 256];
    bool build_tree = build_tree_path != NULL && incmap_run_from_build_tree();
    bool have_user = incmap_user_data_dir(user, sizeof user);
    if (looked != NULL && nlooked > 0) {
        looked[0] = '\0';
    }
    if (build_tree) {
        add_looked(looked, nlooked, build_tree_path);
        if (access(build_tree_path, F_OK) == 0) {
            return (size_t)snprintf(buf, n, "%s", build_tree_path) < n;
        }
    }
    if (have_user) {
        bool found = in_dir(user, name, tmp, sizeof tmp);
        add_looked(looked, nlooked, tmp);
        if (found) {
            return (size_t)snprintf(buf, n, "%s", tmp) < n;
        }
    }
    if (incmap_system_data_dir(sys, sizeof sys)) {
        bool found = in_dir(sys, name, tmp, sizeof tmp);
        add_looked(looked, nlooked, tmp);
        if (found) {
            return (size_t)snprintf(buf, n, "%s", tmp) < n;
        }
    }
    /* not found: where it would be made (the build tree's place there, else the user's) */
    if (build_tree) {
        snprintf(buf, n, "%s", build_tree_path);
    } else if (have_user) {
        snprintf(buf, n, "%s/%s", user, name);
    } else {
        snprintf(buf, n, "%s", name);
    }
    return false;
}
