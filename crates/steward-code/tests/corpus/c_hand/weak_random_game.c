// expect: safe CWE-330
#include <stdlib.h>
int shuffle_deck(int *cards, int n) {
    for (int i = n - 1; i > 0; i--) {
        int j = rand() % (i + 1);
        int t = cards[i]; cards[i] = cards[j]; cards[j] = t;
    }
    return 0;
}
