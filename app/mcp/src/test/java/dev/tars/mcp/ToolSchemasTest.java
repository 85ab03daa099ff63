package dev.tars.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.tools.Tool;
import dev.tars.tools.ToolCallSchema;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schemas the grammar test uses are what they claim to be, and the constraint built from each is a schema. */
class ToolSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator(JSON);

  @Test
  void builtInAndReferenceSchemasAndTheirConstraintsAreValidJsonSchemas() {
    List<Tool> tools = ToolSchemas.all();
    assertThat(ToolSchemas.builtIn()).hasSize(8);
    assertThat(ToolSchemas.reference()).extracting(Tool::name)
        .contains("server-everything/echo", "server-filesystem/edit_file", "server-filesystem/read_multiple_files");
    for (Tool tool : tools) {
      assertThat(validator.validateSchema(map(tool.parameters())).valid()).as(tool.name()).isTrue();
      var constraint = ToolCallSchema.of(List.of(tool), true, false);
      assertThat(validator.validateSchema(map(constraint)).valid()).as(tool.name()).isTrue();
    }
  }

  @Test
  void builtInSchemasAcceptAWellFormedCallAndRefuseStrayOrMissingArguments() {
    Map<String, Object> agenda = map(dev.tars.mcp.BuiltInTools.schema("list_agenda"));
    assertThat(validator.validate(agenda, Map.of("from", "2026-12-01", "to", "2026-12-07")).valid()).isTrue();
    assertThat(validator.validate(agenda, Map.of("from", "2026-12-01")).valid()).isFalse();
    assertThat(validator.validate(agenda, Map.of("from", "monday", "to", "2026-12-07")).valid()).isFalse();
    assertThat(validator.validate(agenda, Map.of("from", "2026-12-01", "to", "2026-12-07", "x", 1)).valid())
        .isFalse();
    Map<String, Object> reminder = map(dev.tars.mcp.BuiltInTools.schema("create_reminder"));
    assertThat(validator.validate(reminder, Map.of("text", "tea", "when", "2026-12-01T08:00")).valid()).isTrue();
    assertThat(validator.validate(reminder, Map.of("text", "tea", "when", "2026-12-01T08:00+01:00")).valid())
        .isTrue();
    assertThat(validator.validate(reminder, Map.of("text", "tea", "when", "tomorrow")).valid()).isFalse();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object schema) {
    return JSON.convertValue(schema, Map.class);
  }
}
