/* Included first in each command's sources under emscripten, where main is
 * renamed sk_<command>_main (cmd/CMakeLists.txt): its prototype, so that the
 * renamed function is declared as -Wmissing-prototypes wants. */
int main(int argc, char **argv);
