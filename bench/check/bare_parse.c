/* The floor for `mast check`: libyaml's event parser over a file, doing
 * nothing with the events (no values, no validation). Usage: bare_parse FILE */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: bare_parse FILE\n");
    return 2;
  }
  FILE* file = fopen(argv[1], "rb");
  if (file == NULL) {
    perror(argv[1]);
    return 2;
  }
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  unsigned char* text = malloc((size_t)size);
  if (text == NULL || fread(text, 1, (size_t)size, file) != (size_t)size) return 2;
  fclose(file);
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, text, (size_t)size);
  size_t events = 0;
  int done = 0;
  while (!done) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      fprintf(stderr, "parse error: %s\n", parser.problem);
      return 1;
    }
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
  }
  yaml_parser_delete(&parser);
  free(text);
  printf("%zu events\n", events);
  return 0;
}
