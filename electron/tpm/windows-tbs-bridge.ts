/**
 * The Windows side of the TBS transport: C# that PowerShell compiles with Add-Type (the .NET
 * Framework compiler is part of Windows, so nothing is installed), P/Invoking tbs.dll. It opens one
 * TBS context for TPM 2.0, prints `fbr-tbs ready`, then answers each stdin line of command hex with
 * `fbr-tbs ok <response hex>` or `fbr-tbs fail <TBS_RESULT hex>`, and closes the context at EOF.
 * C# 5 only (the in-box compiler): no string interpolation, no `?.`.
 */
export const TBS_BRIDGE_CSHARP = String.raw`
using System;
using System.Runtime.InteropServices;

public static class FbrTbsBridge {
  [StructLayout(LayoutKind.Sequential)]
  private struct ContextParams2 { public uint Version; public uint Flags; }

  [DllImport("tbs.dll")]
  private static extern uint Tbsi_Context_Create(ref ContextParams2 parameters, out IntPtr context);
  [DllImport("tbs.dll")]
  private static extern uint Tbsip_Submit_Command(IntPtr context, uint locality, uint priority, byte[] command, uint commandLength, [Out] byte[] result, ref uint resultLength);
  [DllImport("tbs.dll")]
  private static extern uint Tbsip_Context_Close(IntPtr context);

  private static void Say(string line) { Console.Out.WriteLine("fbr-tbs " + line); Console.Out.Flush(); }

  public static int Run() {
    ContextParams2 parameters = new ContextParams2();
    parameters.Version = 2; // TBS_CONTEXT_VERSION_TWO
    parameters.Flags = 4;   // includeTpm20
    IntPtr context;
    uint rc = Tbsi_Context_Create(ref parameters, out context);
    if (rc != 0) { Say("fail " + rc.ToString("X8")); return 1; }
    Say("ready");
    try {
      string line;
      while ((line = Console.In.ReadLine()) != null) {
        line = line.Trim();
        if (line.Length == 0) continue;
        byte[] command;
        try {
          command = new byte[line.Length / 2];
          for (int i = 0; i < command.Length; i++) command[i] = Convert.ToByte(line.Substring(i * 2, 2), 16);
        } catch (FormatException) { Say("fail input"); continue; }
        byte[] result = new byte[8192];
        uint length = (uint)result.Length;
        rc = Tbsip_Submit_Command(context, 0, 200, command, (uint)command.Length, result, ref length); // locality 0, normal priority
        if (rc != 0) Say("fail " + rc.ToString("X8"));
        else Say("ok " + BitConverter.ToString(result, 0, (int)length).Replace("-", ""));
      }
    } finally {
      Tbsip_Context_Close(context);
    }
    return 0;
  }
}
`;

/**
 * The one line sent to `powershell.exe -NoProfile -NonInteractive -Command -`. It must be one line:
 * PowerShell runs it as soon as it has read it, and our loop then owns stdin, which is why nothing
 * else is written before `fbr-tbs ready`. The C# travels as base64, so no quoting can break it.
 */
export function tbsBootstrapLine(): string {
  const source = Buffer.from(TBS_BRIDGE_CSHARP, 'utf8').toString('base64');
  return (
    `$ErrorActionPreference = 'Stop'; try { Add-Type -TypeDefinition ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${source}'))); ` +
    `exit [FbrTbsBridge]::Run() } catch { 'fbr-tbs fail start'; exit 2 }\n`
  );
}
