// expect: CWE-120
#include <string.h>
struct user {
    char login[16];
    int uid;
};
void set_login(struct user *u, const char *login) {
    strcpy(u->login, login);
}
