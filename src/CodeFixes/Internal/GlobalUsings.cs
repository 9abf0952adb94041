// Syntax helpers shared with the analyzers' rewrite planning live in the analyzer assembly.
global using AsyncAnalyzers.Internal;
