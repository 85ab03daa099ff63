-- The program that asked for an action, when it came from another program (MCP client name); decision 1511.
ALTER TABLE activity ADD COLUMN client VARCHAR(120);
