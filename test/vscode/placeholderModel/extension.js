// A chat model that is never asked anything: VS Code's Chat view refuses requests to any participant
// while no model is registered, so the in-host tests register this one. Tests only; not in the VSIX.
const vscode = require("vscode");

exports.activate = function activate(context) {
  context.subscriptions.push(
    vscode.lm.registerLanguageModelChatProvider("testlm", {
      provideLanguageModelChatInformation() {
        return [
          {
            id: "placeholder",
            name: "Placeholder",
            family: "placeholder",
            version: "1",
            maxInputTokens: 100000,
            maxOutputTokens: 1000,
            isUserSelectable: true,
            capabilities: { toolCalling: true },
          },
        ];
      },
      async provideLanguageModelChatResponse(_model, _messages, _options, progress) {
        progress.report(new vscode.LanguageModelTextPart("(placeholder model)"));
      },
      async provideTokenCount(_model, text) {
        return typeof text === "string" ? Math.ceil(text.length / 4) : 1;
      },
    }),
  );
};

exports.deactivate = function deactivate() {};
