<#
.SYNOPSIS
  Builds the Windows bundle and installers of the counter client (issue 5), on a Windows host.

.DESCRIPTION
  From the repository root (any folder works: the script finds the root itself):

    powershell -ExecutionPolicy Bypass -File installer\windows\build-bundle.ps1 [-Version 0.2.0]

  1. a virtual environment in build\venv-win with the project (pip install .) and PyInstaller;
  2. the one-folder bundle dist\counter-app\ (installer\windows\counter-app.spec):
     counter-app.exe (windowed), counter-app-cli.exe (console: diagnose, print-test, preseed),
     _internal\ (Python, Qt, resources\, the hall server's queue\*.json and web\*.html, both
     Alembic migration folders);
  3. signs both executables through the hook (installer\windows\sign.py: nothing unless
     COUNTER_APP_SIGN_CERT is set; signtool on Windows);
  4. dist\counter-app-<version>-setup.exe with makensis (NSIS 3.08+), its uninstaller and itself
     signed through the same hook (!uninstfinalize / !finalize);
  5. dist\counter-app-<version>.msi with build_msi.py when wixl, wixl-heat and msibuild (msitools;
     MSYS2: pacman -S mingw-w64-ucrt-x86_64-msitools) are on PATH; otherwise it says so and the MSI
     is built on Linux from the bundle (python3 installer/windows/build_msi.py ..., as CI does).

  Signing: set COUNTER_APP_SIGN_CERT (a .pfx) and COUNTER_APP_SIGN_PASSWORD, optionally
  COUNTER_APP_SIGN_TIMESTAMP (e.g. http://timestamp.digicert.com), before running the script.
#>
[CmdletBinding()]
param(
    [string]$Version = "",                 # default: [project] version in pyproject.toml
    [string]$Python = "",                  # the Python 3.11+ to build with (default: py -3.11, else python)
    [switch]$SkipBundle,                   # reuse dist\counter-app (installers only)
    [switch]$SkipMsi
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root
$Here = Join-Path $Root "installer\windows"
$Dist = Join-Path $Root "dist"
$Build = Join-Path $Root "build"
$Stage = Join-Path $Dist "counter-app"
New-Item -ItemType Directory -Force -Path $Dist, $Build | Out-Null

function Invoke-Native {
    param([string]$Exe, [string[]]$Arguments)
    Write-Host "> $Exe $($Arguments -join ' ')"
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

if (-not $Version) {
    $m = Select-String -Path (Join-Path $Root "pyproject.toml") -Pattern '^version\s*=\s*"([^"]+)"' | Select-Object -First 1
    if (-not $m) { throw "no version in pyproject.toml: give -Version x.y.z" }
    $Version = $m.Matches[0].Groups[1].Value
}
if ($Version -notmatch '^\d+\.\d+\.\d+$') { throw "version '$Version' is not x.y.z (NSIS and MSI need it)" }
Write-Host "CounterApp $Version"

# --- 1. the build environment ---------------------------------------------------------------
$Venv = Join-Path $Build "venv-win"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if (-not $SkipBundle) {
    if (-not (Test-Path $VenvPython)) {
        if ($Python) { Invoke-Native $Python @("-m", "venv", $Venv) }
        elseif (Get-Command py -ErrorAction SilentlyContinue) { Invoke-Native "py" @("-3.11", "-m", "venv", $Venv) }
        else { Invoke-Native "python" @("-m", "venv", $Venv) }
    }
    Invoke-Native $VenvPython @("-m", "pip", "install", "--upgrade", "pip")
    Invoke-Native $VenvPython @("-m", "pip", "install", ".", "pyinstaller>=6.6,<7")

    # --- 2. the one-folder bundle -----------------------------------------------------------
    if (Test-Path $Stage) { Remove-Item -Recurse -Force $Stage }
    Invoke-Native $VenvPython @("-m", "PyInstaller", "--noconfirm", "--clean",
        "--distpath", $Dist, "--workpath", (Join-Path $Build "pyinstaller"),
        (Join-Path $Here "counter-app.spec"))
}
foreach ($exe in @("counter-app.exe", "counter-app-cli.exe")) {
    if (-not (Test-Path (Join-Path $Stage $exe))) { throw "$Stage\$exe missing: the bundle was not built" }
}
$HostPython = if (Test-Path $VenvPython) { $VenvPython } else { (Get-Command python).Source }

# --- 3. signing hook on the executables -----------------------------------------------------
$SignPy = Join-Path $Here "sign.py"
foreach ($exe in @("counter-app.exe", "counter-app-cli.exe")) {
    Invoke-Native $HostPython @($SignPy, (Join-Path $Stage $exe))
}

# --- 4. setup.exe (NSIS) --------------------------------------------------------------------
$Makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $Makensis) {
    foreach ($p in @("${env:ProgramFiles(x86)}\NSIS\makensis.exe", "$env:ProgramFiles\NSIS\makensis.exe")) {
        if (Test-Path $p) { $Makensis = $p; break }
    }
}
if (-not $Makensis) { throw "makensis not found: install NSIS 3.08+ (choco install nsis)" }
# the hook command goes through a file: quotes survive no command line from here to cmd.exe
$SignCmd = Join-Path $Build "sign.cmd"
Set-Content -Encoding ASCII -Path $SignCmd -Value "@`"$HostPython`" `"$SignPy`" %*"
$SignNsh = Join-Path $Build "signing.nsh"
Set-Content -Encoding UTF8 -Path $SignNsh -Value "!define SIGN_CMD 'call `"$SignCmd`"'"
$Setup = Join-Path $Dist "counter-app-$Version-setup.exe"
# absolute paths: makensis changes into the script's folder
Invoke-Native $Makensis @("/V3", "/WX", "/DVERSION=$Version", "/DSTAGE=$Stage", "/DOUTFILE=$Setup",
    "/DSIGN_NSH=$SignNsh", (Join-Path $Here "counter-app.nsi"))

# --- 5. the MSI -----------------------------------------------------------------------------
if (-not $SkipMsi) {
    $missing = @("wixl", "wixl-heat", "msibuild") | Where-Object { -not (Get-Command $_ -ErrorAction SilentlyContinue) }
    if ($missing) {
        Write-Warning ("MSI not built: $($missing -join ', ') not on PATH (MSYS2: pacman -S mingw-w64-ucrt-x86_64-msitools; " +
            "or on Linux: python3 installer/windows/build_msi.py --stage dist/counter-app --version $Version --out dist/counter-app-$Version.msi --sign)")
    } else {
        Invoke-Native $HostPython @((Join-Path $Here "build_msi.py"), "--stage", $Stage, "--version", $Version,
            "--out", (Join-Path $Dist "counter-app-$Version.msi"), "--sign")
    }
}
Write-Host "done: $Stage, $Setup"
