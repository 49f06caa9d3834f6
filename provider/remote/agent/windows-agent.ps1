# clusterpro-agent for Windows PowerShell 5.1 - protocol version 1.
#
# FIXED code. The -EncodedCommand bootstrap (invocation.ts) reads this script and the payload from stdin and runs
# this script with the payload (base64 of UTF-8 JSON { protocolVersion, options, ops }) as its only argument.
# User values arrive only inside that JSON: they are used as .NET strings, -LiteralPath arguments and
# CommandLineToArgvW-quoted process arguments, never as PowerShell code or a cmd.exe command line.
# Results: UTF-8 JSON lines on stdout between two marker lines, one per op, in order:
#   {"i":N,"ok":true,"value":{...}}  or  {"i":N,"ok":false,"error":{"code":"...","message":"..."}}
param([Parameter(Mandatory = $true)][string]$PayloadBase64)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Add-Type -AssemblyName System.ServiceProcess

$script:Utf8 = New-Object System.Text.UTF8Encoding($false)
$script:StdOut = [Console]::OpenStandardOutput()
$script:ClpCommands = @('clpcfctrl', 'clpcl', 'clpgrp', 'clprsc', 'clpstat', 'clpmdstat', 'clpmdctrl')
$script:FileRights = @('FullControl', 'Modify', 'ReadAndExecute', 'Read', 'Write', 'ListDirectory')

function Write-ResultLine([string]$line) {
  $bytes = $script:Utf8.GetBytes($line + "`n")
  $script:StdOut.Write($bytes, 0, $bytes.Length)
  $script:StdOut.Flush()
}

# ---------- errors and fields ----------
function Stop-Op([string]$code, [string]$message) {
  $ex = New-Object System.Exception($message)
  $ex.Data['agentCode'] = $code
  throw $ex
}

# The unary comma keeps an array (also an empty one) from being unrolled into $null on return.
function Get-Field($op, [string]$name) {
  $p = $op.PSObject.Properties[$name]
  if ($null -eq $p) { return $null }
  return , $p.Value
}

function Get-Required($op, [string]$name) {
  $v = Get-Field $op $name
  if ($null -eq $v) { Stop-Op 'bad-request' ("missing required field: " + $name) }
  return , $v
}

function Get-Optional($op, [string]$name, $default) {
  $v = Get-Field $op $name
  if ($null -eq $v) { return , $default }
  return , $v
}

# An array field as object[] (missing = empty, or bad-request when required). Assign the result to a variable
# before use: "@(Get-List ...)" would wrap the returned array once more.
function Get-List($op, [string]$name, [bool]$required) {
  $p = $op.PSObject.Properties[$name]
  if ($null -eq $p -or $null -eq $p.Value) {
    if ($required) { Stop-Op 'bad-request' ("missing required field: " + $name) }
    return , ([object[]]@())
  }
  return , ([object[]]@($p.Value))
}

function Get-PathField($op, [string]$name) {
  $p = [string](Get-Required $op $name)
  if ($p -notmatch '^([A-Za-z]:\\|\\\\)') { Stop-Op 'bad-request' ($name + " must be an absolute path: " + $p) }
  return $p
}

function Get-InnerMost([System.Exception]$ex) {
  while ($null -ne $ex.InnerException) { $ex = $ex.InnerException }
  return $ex
}

# ---------- native processes (arguments quoted for CommandLineToArgvW) ----------
function ConvertTo-NativeArgument([string]$s) {
  if ($s.Length -gt 0 -and $s -notmatch '[\s"]') { return $s }
  $sb = New-Object System.Text.StringBuilder
  [void]$sb.Append('"')
  $bs = 0
  foreach ($ch in $s.ToCharArray()) {
    if ($ch -eq [char]92) { $bs++ }
    elseif ($ch -eq [char]34) { [void]$sb.Append((New-Object string ([char]92, (2 * $bs + 1)))); [void]$sb.Append('"'); $bs = 0 }
    else { if ($bs -gt 0) { [void]$sb.Append((New-Object string ([char]92, $bs))) }; [void]$sb.Append($ch); $bs = 0 }
  }
  if ($bs -gt 0) { [void]$sb.Append((New-Object string ([char]92, (2 * $bs)))) }
  [void]$sb.Append('"')
  return $sb.ToString()
}

function Invoke-Native([string]$file, [string[]]$arguments, [int]$timeoutSec) {
  $quoted = New-Object System.Collections.Generic.List[string]
  foreach ($a in $arguments) { $quoted.Add((ConvertTo-NativeArgument $a)) }
  $psi = New-Object System.Diagnostics.ProcessStartInfo
  $psi.FileName = $file
  $psi.Arguments = [string]::Join(' ', $quoted.ToArray())
  $psi.UseShellExecute = $false
  $psi.CreateNoWindow = $true
  $psi.RedirectStandardInput = $true
  $psi.RedirectStandardOutput = $true
  $psi.RedirectStandardError = $true
  $p = [System.Diagnostics.Process]::Start($psi)
  $p.StandardInput.Close()
  $o = New-Object System.IO.MemoryStream
  $e = New-Object System.IO.MemoryStream
  $t1 = $p.StandardOutput.BaseStream.CopyToAsync($o)
  $t2 = $p.StandardError.BaseStream.CopyToAsync($e)
  if (-not $p.WaitForExit($timeoutSec * 1000)) {
    try { $p.Kill() } catch { $null = $_ }
    Stop-Op 'timeout' ([System.IO.Path]::GetFileName($file) + " did not finish within " + $timeoutSec + " s")
  }
  [void]$t1.Wait()
  [void]$t2.Wait()
  return New-Object psobject -Property @{ ExitCode = $p.ExitCode; Stdout = $o.ToArray(); Stderr = $e.ToArray() }
}

function ConvertFrom-OemBytes([byte[]]$bytes) {
  $enc = [System.Text.Encoding]::GetEncoding([System.Globalization.CultureInfo]::CurrentCulture.TextInfo.OEMCodePage)
  return $enc.GetString($bytes).Trim()
}

# ---------- facts ----------
function Find-Clusterpro {
  $path = $null
  $version = $null
  $roots = @('HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall', 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall')
  foreach ($r in $roots) {
    if (-not (Test-Path -LiteralPath $r)) { continue }
    foreach ($k in @(Get-ChildItem -LiteralPath $r -ErrorAction SilentlyContinue)) {
      $p = Get-ItemProperty -LiteralPath $k.PSPath -ErrorAction SilentlyContinue
      if ($null -eq $p) { continue }
      $dn = [string]$p.DisplayName
      if ($dn -match 'CLUSTERPRO|EXPRESSCLUSTER') {
        if ($p.DisplayVersion) { $version = [string]$p.DisplayVersion }
        if ((-not $path) -and $p.InstallLocation) { $path = ([string]$p.InstallLocation).TrimEnd('\') }
      }
    }
  }
  if ((-not $path) -and $env:CLP_PATH -and (Test-Path -LiteralPath $env:CLP_PATH)) { $path = $env:CLP_PATH.TrimEnd('\') }
  if (-not $path) {
    foreach ($c in @('CLUSTERPRO', 'EXPRESSCLUSTER')) {
      $d = Join-Path $env:ProgramFiles $c
      if (Test-Path -LiteralPath (Join-Path $d 'bin')) { $path = $d; break }
    }
  }
  return New-Object psobject -Property @{ Path = $path; Version = $version }
}

# Active Directory membership (Win32_ComputerSystem.PartOfDomain); a workgroup server answers member = false.
function Get-DomainMembership {
  $cs = Get-WmiObject -Class Win32_ComputerSystem
  if ($cs.PartOfDomain -eq $true) { return [ordered]@{ member = $true; name = [string]$cs.Domain } }
  return [ordered]@{ member = $false; name = $null }
}

# The folders product paths are written with (%ProgramFiles% ...). ProgramFiles is the native folder: a 32-bit
# host sees the x86 one there, ProgramW6432 says the native one.
function Get-PathFacts {
  $e = [ordered]@{}
  foreach ($n in @('ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432', 'ProgramData', 'SystemRoot', 'SystemDrive')) {
    $v = [System.Environment]::GetEnvironmentVariable($n)
    if ($v) { $e[$n] = [string]$v }
  }
  if ($e.Contains('ProgramW6432')) { $e['ProgramFiles'] = $e['ProgramW6432'] }
  return $e
}

function Invoke-Facts($op) {
  $os = Get-WmiObject -Class Win32_OperatingSystem
  $cp = Find-Clusterpro
  return [ordered]@{
    hostname   = [System.Environment]::MachineName
    os         = [ordered]@{ family = 'windows'; name = [string]$os.Caption; version = [string]$os.Version }
    clusterpro = [ordered]@{ installed = ($null -ne $cp.Path); version = $cp.Version; installPath = $cp.Path }
    domain     = (Get-DomainMembership)
    env        = (Get-PathFacts)
  }
}

# ---------- services ----------
function Get-ServiceByName([string]$name) {
  # A service resource may name the service or its display name (CLUSTERPRO accepts either): name first.
  $all = [System.ServiceProcess.ServiceController]::GetServices()
  foreach ($s in $all) {
    if ($s.ServiceName -ieq $name) { return $s }
  }
  foreach ($s in $all) {
    if ($s.DisplayName -ieq $name) { return $s }
  }
  return $null
}

function Get-StartupType([string]$serviceName) {
  $k = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey('SYSTEM\CurrentControlSet\Services\' + $serviceName)
  if ($null -eq $k) { return 'other' }
  try {
    $start = $k.GetValue('Start')
    $delayed = $k.GetValue('DelayedAutostart')
  } finally { $k.Close() }
  switch ($start) {
    2 { if ($delayed -eq 1) { return 'automatic-delayed' } else { return 'automatic' } }
    3 { return 'manual' }
    4 { return 'disabled' }
  }
  return 'other'
}

function Get-ServiceState($svc) {
  switch ([string]$svc.Status) {
    'Running' { return 'running' }
    'Stopped' { return 'stopped' }
    'StartPending' { return 'starting' }
    'ContinuePending' { return 'starting' }
    'StopPending' { return 'stopping' }
    'PausePending' { return 'stopping' }
    'Paused' { return 'paused' }
  }
  return 'unknown'
}

function Invoke-ServiceQuery($op) {
  $list = New-Object System.Collections.ArrayList
  $names = Get-List $op 'names' $true
  foreach ($n in $names) {
    $svc = Get-ServiceByName ([string]$n)
    if ($null -eq $svc) {
      [void]$list.Add([ordered]@{ name = [string]$n; exists = $false })
    } else {
      [void]$list.Add([ordered]@{ name = $svc.ServiceName; exists = $true; startup = (Get-StartupType $svc.ServiceName); state = (Get-ServiceState $svc) })
    }
  }
  return [ordered]@{ services = $list.ToArray() }
}

function Invoke-ServiceSetStartup($op) {
  $name = [string](Get-Required $op 'name')
  $startup = [string](Get-Required $op 'startup')
  $mode = switch -CaseSensitive ($startup) {
    'automatic' { 'auto' }
    'automatic-delayed' { 'delayed-auto' }
    'manual' { 'demand' }
    'disabled' { 'disabled' }
    default { Stop-Op 'bad-request' ("unknown startup type: " + $startup) }
  }
  $svc = Get-ServiceByName $name
  if ($null -eq $svc) { Stop-Op 'not-found' ("service not found: " + $name) }
  $before = Get-StartupType $svc.ServiceName
  if ($before -eq $startup) { return [ordered]@{ name = $svc.ServiceName; changed = $false } }
  $r = Invoke-Native (Join-Path $env:SystemRoot 'System32\sc.exe') @('config', $svc.ServiceName, 'start=', $mode) 60
  if ($r.ExitCode -ne 0) { Stop-Op 'failed' ("sc.exe config " + $svc.ServiceName + " failed (exit " + $r.ExitCode + "): " + (ConvertFrom-OemBytes $r.Stdout)) }
  return [ordered]@{ name = $svc.ServiceName; changed = $true }
}

function Invoke-ServiceRun($op, [bool]$start) {
  $timeoutSec = [int](Get-Optional $op 'timeoutSec' 60)
  $want = if ($start) { [System.ServiceProcess.ServiceControllerStatus]::Running } else { [System.ServiceProcess.ServiceControllerStatus]::Stopped }
  $verb = if ($start) { 'start' } else { 'stop' }
  $list = New-Object System.Collections.ArrayList
  $names = Get-List $op 'names' $true
  foreach ($n in $names) {
    $svc = Get-ServiceByName ([string]$n)
    if ($null -eq $svc) { Stop-Op 'not-found' ("service not found: " + $n) }
    $problem = $null
    try {
      if ($svc.Status -ne $want) {
        if ($start) { $svc.Start() } else { $svc.Stop() }
      }
      $svc.WaitForStatus($want, [TimeSpan]::FromSeconds($timeoutSec))
    } catch {
      $problem = Get-InnerMost $_.Exception
    }
    if ($null -ne $problem) {
      if ($problem -is [System.ServiceProcess.TimeoutException]) { Stop-Op 'timeout' ("service " + $svc.ServiceName + " did not " + $verb + " within " + $timeoutSec + " s") }
      Stop-Op 'failed' ("cannot " + $verb + " service " + $svc.ServiceName + ": " + $problem.Message)
    }
    $svc.Refresh()
    [void]$list.Add([ordered]@{ name = $svc.ServiceName; state = (Get-ServiceState $svc) })
  }
  return [ordered]@{ services = $list.ToArray() }
}

# ---------- registry ----------
function Open-RegistryKey([string]$key, $view, [bool]$writable, [bool]$create) {
  $i = $key.IndexOf('\')
  if ($i -lt 0) { $hiveName = $key; $sub = '' } else { $hiveName = $key.Substring(0, $i); $sub = $key.Substring($i + 1).Trim('\') }
  $hive = switch ($hiveName.ToUpperInvariant()) {
    'HKLM' { [Microsoft.Win32.RegistryHive]::LocalMachine }
    'HKEY_LOCAL_MACHINE' { [Microsoft.Win32.RegistryHive]::LocalMachine }
    'HKCU' { [Microsoft.Win32.RegistryHive]::CurrentUser }
    'HKEY_CURRENT_USER' { [Microsoft.Win32.RegistryHive]::CurrentUser }
    'HKCR' { [Microsoft.Win32.RegistryHive]::ClassesRoot }
    'HKEY_CLASSES_ROOT' { [Microsoft.Win32.RegistryHive]::ClassesRoot }
    'HKU' { [Microsoft.Win32.RegistryHive]::Users }
    'HKEY_USERS' { [Microsoft.Win32.RegistryHive]::Users }
    'HKCC' { [Microsoft.Win32.RegistryHive]::CurrentConfig }
    'HKEY_CURRENT_CONFIG' { [Microsoft.Win32.RegistryHive]::CurrentConfig }
    default { Stop-Op 'bad-request' ("unknown registry hive: " + $hiveName) }
  }
  $rv = if ([string]$view -eq '32') { [Microsoft.Win32.RegistryView]::Registry32 } else { [Microsoft.Win32.RegistryView]::Registry64 }
  $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey($hive, $rv)
  if ($sub -eq '') { return $base }
  if ($create) { return $base.CreateSubKey($sub) }
  return $base.OpenSubKey($sub, $writable)
}

function Read-RegistryValue($k, [string]$name) {
  $kind = $k.GetValueKind($name)
  $raw = $k.GetValue($name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
  switch ([string]$kind) {
    'String' { return [ordered]@{ name = $name; type = 'REG_SZ'; data = [string]$raw } }
    'ExpandString' { return [ordered]@{ name = $name; type = 'REG_EXPAND_SZ'; data = [string]$raw } }
    'MultiString' { return [ordered]@{ name = $name; type = 'REG_MULTI_SZ'; data = [string[]]@($raw) } }
    'DWord' { return [ordered]@{ name = $name; type = 'REG_DWORD'; data = [System.BitConverter]::ToUInt32([System.BitConverter]::GetBytes([int32]$raw), 0) } }
    'QWord' { return [ordered]@{ name = $name; type = 'REG_QWORD'; data = [string][System.BitConverter]::ToUInt64([System.BitConverter]::GetBytes([int64]$raw), 0) } }
    'Binary' { return [ordered]@{ name = $name; type = 'REG_BINARY'; data = [Convert]::ToBase64String([byte[]]$raw) } }
  }
  $bytes = if ($raw -is [byte[]]) { [byte[]]$raw } else { [byte[]]@() }
  return [ordered]@{ name = $name; type = 'REG_NONE'; data = [Convert]::ToBase64String($bytes) }
}

function Invoke-RegQuery($op) {
  $k = Open-RegistryKey ([string](Get-Required $op 'key')) (Get-Field $op 'view') $false $false
  if ($null -eq $k) { return [ordered]@{ exists = $false; values = @(); subkeys = @() } }
  try {
    $present = @($k.GetValueNames())
    if ($null -eq (Get-Field $op 'names')) { $names = $present } else { $names = Get-List $op 'names' $false }
    $values = New-Object System.Collections.ArrayList
    foreach ($n in $names) {
      if ($present -contains [string]$n) { [void]$values.Add((Read-RegistryValue $k ([string]$n))) }
    }
    return [ordered]@{ exists = $true; values = $values.ToArray(); subkeys = [string[]]@($k.GetSubKeyNames()) }
  } finally { $k.Close() }
}

function Invoke-RegSet($op) {
  $name = [string](Get-Required $op 'name')
  $v = Get-Required $op 'value'
  $type = [string](Get-Required $v 'type')
  $data = Get-Required $v 'data'
  switch -CaseSensitive ($type) {
    'REG_SZ' { $kind = [Microsoft.Win32.RegistryValueKind]::String; $obj = [string]$data }
    'REG_EXPAND_SZ' { $kind = [Microsoft.Win32.RegistryValueKind]::ExpandString; $obj = [string]$data }
    'REG_MULTI_SZ' { $kind = [Microsoft.Win32.RegistryValueKind]::MultiString; $obj = [string[]]@($data) }
    'REG_DWORD' { $kind = [Microsoft.Win32.RegistryValueKind]::DWord; $obj = [System.BitConverter]::ToInt32([System.BitConverter]::GetBytes([uint32]$data), 0) }
    'REG_QWORD' { $kind = [Microsoft.Win32.RegistryValueKind]::QWord; $obj = [System.BitConverter]::ToInt64([System.BitConverter]::GetBytes([uint64]$data), 0) }
    'REG_BINARY' { $kind = [Microsoft.Win32.RegistryValueKind]::Binary; $obj = [Convert]::FromBase64String([string]$data) }
    default { Stop-Op 'bad-request' ("reg.set cannot write type " + $type) }
  }
  $k = Open-RegistryKey ([string](Get-Required $op 'key')) (Get-Field $op 'view') $true $true
  try {
    $before = ''
    if (@($k.GetValueNames()) -contains $name) { $before = ConvertTo-Json -InputObject (Read-RegistryValue $k $name) -Compress -Depth 5 }
    $k.SetValue($name, $obj, $kind)
    $after = ConvertTo-Json -InputObject (Read-RegistryValue $k $name) -Compress -Depth 5
    return [ordered]@{ changed = ($before -cne $after) }
  } finally { $k.Close() }
}

function Invoke-RegDeleteValue($op) {
  $name = [string](Get-Required $op 'name')
  $k = Open-RegistryKey ([string](Get-Required $op 'key')) (Get-Field $op 'view') $true $false
  if ($null -eq $k) { return [ordered]@{ deleted = $false } }
  try {
    if (-not (@($k.GetValueNames()) -contains $name)) { return [ordered]@{ deleted = $false } }
    $k.DeleteValue($name, $false)
    return [ordered]@{ deleted = $true }
  } finally { $k.Close() }
}

function Invoke-RegDeleteSubkeys($op) {
  $k = Open-RegistryKey ([string](Get-Required $op 'key')) (Get-Field $op 'view') $true $false
  $deleted = New-Object System.Collections.ArrayList
  if ($null -eq $k) { return [ordered]@{ deleted = @() } }
  try {
    $all = $null -eq (Get-Field $op 'names')
    $wanted = Get-List $op 'names' $false
    foreach ($s in @($k.GetSubKeyNames())) {
      if ($all -or ($wanted -contains $s)) {
        $k.DeleteSubKeyTree($s, $false)
        [void]$deleted.Add($s)
      }
    }
    return [ordered]@{ deleted = [string[]]$deleted.ToArray() }
  } finally { $k.Close() }
}

function Export-RegistryTree($k, [string]$path, [int]$depth, [int]$maxDepth) {
  $values = New-Object System.Collections.ArrayList
  foreach ($n in @($k.GetValueNames())) { [void]$values.Add((Read-RegistryValue $k $n)) }
  $subs = New-Object System.Collections.ArrayList
  if ($depth -lt $maxDepth) {
    foreach ($s in @($k.GetSubKeyNames())) {
      $c = $k.OpenSubKey($s, $false)
      if ($null -eq $c) { continue }
      try { [void]$subs.Add((Export-RegistryTree $c ($path + '\' + $s) ($depth + 1) $maxDepth)) } finally { $c.Close() }
    }
  }
  return [ordered]@{ key = $path; values = $values.ToArray(); subkeys = $subs.ToArray() }
}

function Invoke-RegExport($op) {
  $key = ([string](Get-Required $op 'key')).TrimEnd('\')
  $k = Open-RegistryKey $key (Get-Field $op 'view') $false $false
  if ($null -eq $k) { return [ordered]@{ exists = $false; tree = $null } }
  try { return [ordered]@{ exists = $true; tree = (Export-RegistryTree $k $key 0 ([int](Get-Optional $op 'maxDepth' 16))) } } finally { $k.Close() }
}

# ---------- files ----------
function Test-Exists([string]$p) { return ([System.IO.File]::Exists($p) -or [System.IO.Directory]::Exists($p)) }

function Invoke-FileStat($op) {
  $p = Get-PathField $op 'path'
  if (-not (Test-Exists $p)) { return [ordered]@{ exists = $false } }
  $it = Get-Item -LiteralPath $p -Force
  $type = if (($it.Attributes -band [System.IO.FileAttributes]::ReparsePoint) -ne 0) { 'symlink' } elseif ($it.PSIsContainer) { 'directory' } else { 'file' }
  $size = if ($it.PSIsContainer) { 0 } else { [long]$it.Length }
  $mtime = [long](($it.LastWriteTimeUtc - (New-Object DateTime 1970, 1, 1, 0, 0, 0, ([DateTimeKind]::Utc))).TotalMilliseconds)
  $owner = ''
  try { $owner = [string]$it.GetAccessControl('Owner').GetOwner([System.Security.Principal.NTAccount]).Value } catch { $owner = '' }
  return [ordered]@{ exists = $true; type = $type; size = $size; mtimeMs = $mtime; owner = $owner }
}

function Invoke-FileRead($op) {
  $p = Get-PathField $op 'path'
  if (-not [System.IO.File]::Exists($p)) {
    if ([System.IO.Directory]::Exists($p)) { Stop-Op 'failed' ("not a regular file: " + $p) }
    Stop-Op 'not-found' ("no such file: " + $p)
  }
  $bytes = [System.IO.File]::ReadAllBytes($p)
  return [ordered]@{ size = $bytes.Length; dataBase64 = [Convert]::ToBase64String($bytes) }
}

function Invoke-FileWrite($op) {
  $p = Get-PathField $op 'path'
  $bytes = [Convert]::FromBase64String([string](Get-Required $op 'dataBase64'))
  $parent = [System.IO.Path]::GetDirectoryName($p)
  if ($parent -and -not [System.IO.Directory]::Exists($parent)) {
    if ((Get-Optional $op 'createParents' $false) -eq $true) { [void][System.IO.Directory]::CreateDirectory($parent) }
    else { Stop-Op 'not-found' ("parent directory does not exist: " + $parent) }
  }
  if ([System.IO.File]::Exists($p)) {
    $old = [System.IO.File]::ReadAllBytes($p)
    if ($old.Length -eq $bytes.Length -and [Convert]::ToBase64String($old) -ceq [Convert]::ToBase64String($bytes)) { return [ordered]@{ changed = $false } }
  }
  [System.IO.File]::WriteAllBytes($p, $bytes)
  return [ordered]@{ changed = $true }
}

function Invoke-FileMkdir($op) {
  $p = Get-PathField $op 'path'
  if ([System.IO.Directory]::Exists($p)) { return [ordered]@{ created = $false } }
  [void][System.IO.Directory]::CreateDirectory($p)
  return [ordered]@{ created = $true }
}

function Copy-Tree([string]$from, [string]$to) {
  if ([System.IO.File]::Exists($from)) { [System.IO.File]::Copy($from, $to, $false); return }
  # robocopy keeps attributes, timestamps and ACLs (/COPY:DATS); exit codes 0-7 mean success.
  $r = Invoke-Native (Join-Path $env:SystemRoot 'System32\robocopy.exe') @($from, $to, '/E', '/COPY:DATS', '/DCOPY:T', '/R:0', '/W:0', '/NP', '/NFL', '/NDL', '/NJH', '/NJS') 86400
  if ($r.ExitCode -ge 8) { Stop-Op 'failed' ("robocopy failed (exit " + $r.ExitCode + "): " + (ConvertFrom-OemBytes $r.Stdout)) }
}

function Invoke-FileTransfer($op, [bool]$move) {
  $from = Get-PathField $op 'from'
  $to = Get-PathField $op 'to'
  if (-not (Test-Exists $from)) { Stop-Op 'not-found' ("no such file or directory: " + $from) }
  # Refusals (provider/remote/README.md): an existing target needs overwrite; overwrite replaces a file or an EMPTY
  # directory, never replaces a directory with a file and never deletes a non-empty directory (no merge either);
  # a tree is never copied or moved onto or into itself.
  $fullFrom = [System.IO.Path]::GetFullPath($from).TrimEnd('\')
  $fullTo = [System.IO.Path]::GetFullPath($to).TrimEnd('\')
  if (($fullTo -ieq $fullFrom) -or $fullTo.StartsWith($fullFrom + '\', [System.StringComparison]::OrdinalIgnoreCase)) {
    Stop-Op 'refused' ("the target is the source or inside it: " + $to + " (source " + $from + ")")
  }
  if (Test-Exists $to) {
    if ((Get-Optional $op 'overwrite' $false) -ne $true) { Stop-Op 'exists' ("the target exists (set overwrite to replace it): " + $to) }
    if ([System.IO.Directory]::Exists($to)) {
      if (-not [System.IO.Directory]::Exists($from)) { Stop-Op 'refused' ("the target is a directory; a file never replaces a directory (give the file's full target path): " + $to) }
      if ([System.IO.Directory]::EnumerateFileSystemEntries($to).GetEnumerator().MoveNext()) { Stop-Op 'refused' ("the target is a directory that is not empty; it is never deleted or merged into: " + $to) }
      # Not recursive: an empty directory (or a junction, whose target is left alone) is all that goes.
      [System.IO.Directory]::Delete($to, $false)
    } else {
      [System.IO.File]::Delete($to)
    }
  }
  $parent = [System.IO.Path]::GetDirectoryName($to)
  if ($parent) { [void][System.IO.Directory]::CreateDirectory($parent) }
  if ($move) {
    $sameVolume = [System.IO.Path]::GetPathRoot($from) -ieq [System.IO.Path]::GetPathRoot($to)
    if ([System.IO.File]::Exists($from)) {
      if ($sameVolume) { [System.IO.File]::Move($from, $to) } else { [System.IO.File]::Copy($from, $to, $false); [System.IO.File]::Delete($from) }
    } elseif ($sameVolume) {
      [System.IO.Directory]::Move($from, $to)
    } else {
      Copy-Tree $from $to
      Remove-Item -LiteralPath $from -Recurse -Force
    }
    return [ordered]@{ moved = $true }
  }
  Copy-Tree $from $to
  return [ordered]@{ copied = $true }
}

function Invoke-FileDelete($op) {
  $p = Get-PathField $op 'path'
  if ([System.IO.File]::Exists($p)) { [System.IO.File]::Delete($p); return [ordered]@{ deleted = $true } }
  if (-not [System.IO.Directory]::Exists($p)) { return [ordered]@{ deleted = $false } }
  if ((Get-Optional $op 'recursive' $false) -eq $true) { Remove-Item -LiteralPath $p -Recurse -Force }
  else {
    try { [System.IO.Directory]::Delete($p, $false) } catch { Stop-Op 'failed' ("cannot delete the directory (not empty? set recursive): " + (Get-InnerMost $_.Exception).Message) }
  }
  return [ordered]@{ deleted = $true }
}

# ---------- ACLs ----------
function Invoke-AclGet($op) {
  $p = Get-PathField $op 'path'
  if (-not (Test-Exists $p)) { Stop-Op 'not-found' ("no such file or directory: " + $p) }
  $acl = Get-Acl -LiteralPath $p
  $rules = New-Object System.Collections.ArrayList
  foreach ($r in $acl.Access) {
    [void]$rules.Add([ordered]@{
        identity    = [string]$r.IdentityReference.Value
        rights      = [string]$r.FileSystemRights
        type        = ([string]$r.AccessControlType).ToLowerInvariant()
        inherited   = [bool]$r.IsInherited
        inheritance = [string]$r.InheritanceFlags
        propagation = [string]$r.PropagationFlags
      })
  }
  return [ordered]@{ owner = [string]$acl.Owner; protected = [bool]$acl.AreAccessRulesProtected; rules = $rules.ToArray() }
}

function Invoke-AclSet($op) {
  $p = Get-PathField $op 'path'
  if (-not (Test-Exists $p)) { Stop-Op 'not-found' ("no such file or directory: " + $p) }
  $item = Get-Item -LiteralPath $p -Force
  $acl = $item.GetAccessControl('Access')
  $before = $acl.GetSecurityDescriptorSddlForm('Access')
  $purged = @{}
  $rules = Get-List $op 'rules' $true
  foreach ($r in $rules) {
    $identity = [string](Get-Required $r 'identity')
    $account = New-Object System.Security.Principal.NTAccount($identity)
    try { [void]$account.Translate([System.Security.Principal.SecurityIdentifier]) } catch { Stop-Op 'not-found' ("unknown principal: " + $identity) }
    $rights = [System.Security.AccessControl.FileSystemRights]0
    $rightNames = Get-List $r 'rights' $true
    foreach ($x in $rightNames) {
      if ($script:FileRights -cnotcontains [string]$x) { Stop-Op 'bad-request' ("unknown right: " + $x) }
      $rights = $rights -bor [System.Enum]::Parse([System.Security.AccessControl.FileSystemRights], [string]$x)
    }
    $inherit = [System.Security.AccessControl.InheritanceFlags]::None
    if ($item.PSIsContainer -and ((Get-Optional $r 'inherit' $true) -ne $false)) {
      $inherit = [System.Security.AccessControl.InheritanceFlags]'ContainerInherit, ObjectInherit'
    }
    $type = if ([string](Get-Optional $r 'type' 'allow') -eq 'deny') { [System.Security.AccessControl.AccessControlType]::Deny } else { [System.Security.AccessControl.AccessControlType]::Allow }
    if (((Get-Optional $op 'replace' $false) -eq $true) -and -not $purged.ContainsKey($identity)) {
      $acl.PurgeAccessRules($account)
      $purged[$identity] = $true
    }
    $rule = New-Object System.Security.AccessControl.FileSystemAccessRule($account, $rights, $inherit, [System.Security.AccessControl.PropagationFlags]::None, $type)
    $acl.AddAccessRule($rule)
  }
  if ($acl.GetSecurityDescriptorSddlForm('Access') -ceq $before) { return [ordered]@{ changed = $false } }
  $item.SetAccessControl($acl)
  return [ordered]@{ changed = $true }
}

# ---------- hosts ----------
function Get-HostsPath { return (Join-Path $env:SystemRoot 'System32\drivers\etc\hosts') }

function Get-HostsAddress([string]$line) {
  $s = $line
  $hash = $s.IndexOf('#')
  if ($hash -ge 0) { $s = $s.Substring(0, $hash) }
  $words = @($s.Split([char[]]@(' ', "`t"), [System.StringSplitOptions]::RemoveEmptyEntries))
  return , $words
}

function Invoke-HostsGet($op) {
  $p = Get-HostsPath
  $entries = New-Object System.Collections.ArrayList
  if ([System.IO.File]::Exists($p)) {
    foreach ($line in [System.IO.File]::ReadAllLines($p)) {
      $w = Get-HostsAddress $line
      if ($w.Count -lt 2) { continue }
      [void]$entries.Add([ordered]@{ address = $w[0]; hostnames = [string[]]$w[1..($w.Count - 1)] })
    }
  }
  return [ordered]@{ entries = $entries.ToArray() }
}

function Test-HostsToken([string]$s) { return ($s.Length -gt 0 -and $s -notmatch '[\s#]') }

function Invoke-HostsSet($op) {
  $p = Get-HostsPath
  $managed = [ordered]@{}
  $entries = Get-List $op 'entries' $false
  foreach ($e in $entries) {
    $addr = [string](Get-Required $e 'address')
    if (-not (Test-HostsToken $addr)) { Stop-Op 'bad-request' ("not a hosts address: " + $addr) }
    $names = Get-List $e 'hostnames' $true
    foreach ($n in $names) { if (-not (Test-HostsToken ([string]$n))) { Stop-Op 'bad-request' ("not a host name: " + $n) } }
    if ($names.Count -eq 0) { Stop-Op 'bad-request' ("no hostnames for " + $addr) }
    $managed[$addr] = $addr + "`t" + ([string]::Join(' ', [string[]]$names))
  }
  $remove = @{}
  $removeList = Get-List $op 'removeAddresses' $false
  foreach ($a in $removeList) { $remove[[string]$a] = $true }
  $oldText = ''
  if ([System.IO.File]::Exists($p)) { $oldText = [System.IO.File]::ReadAllText($p) }
  $nl = if ($oldText.Contains("`r`n") -or $oldText -eq '') { "`r`n" } else { "`n" }
  $out = New-Object System.Collections.Generic.List[string]
  $done = @{}
  $lines = @()
  if ($oldText -ne '') { $lines = $oldText -split "`r?`n"; if ($lines[-1] -eq '') { $lines = @($lines[0..($lines.Count - 2)]) } }
  foreach ($line in $lines) {
    $w = Get-HostsAddress $line
    $addr = if ($w.Count -gt 0) { $w[0] } else { '' }
    if ($addr -ne '' -and $managed.Contains($addr)) {
      if (-not $done.ContainsKey($addr)) { $out.Add($managed[$addr]); $done[$addr] = $true }
      continue
    }
    if ($addr -ne '' -and $remove.ContainsKey($addr)) { continue }
    $out.Add($line)
  }
  foreach ($addr in $managed.Keys) { if (-not $done.ContainsKey($addr)) { $out.Add($managed[$addr]); $done[$addr] = $true } }
  $newText = ''
  if ($out.Count -gt 0) { $newText = [string]::Join($nl, $out.ToArray()) + $nl }
  if ($newText -ceq $oldText) { return [ordered]@{ changed = $false } }
  [System.IO.File]::WriteAllText($p, $newText, $script:Utf8)
  return [ordered]@{ changed = $true }
}

# ---------- network interface ----------
function Invoke-NicSetEnabled($op) {
  $name = [string](Get-Required $op 'name')
  $enabled = [bool](Get-Required $op 'enabled')
  if (Get-Command -Name 'Get-NetAdapter' -ErrorAction SilentlyContinue) {
    $adapter = @(Get-NetAdapter -IncludeHidden | Where-Object { $_.Name -eq $name }) | Select-Object -First 1
    if ($null -eq $adapter) { Stop-Op 'not-found' ("no such network interface: " + $name) }
    $isUp = ([string]$adapter.AdminStatus -eq 'Up')
    if ($isUp -eq $enabled) { return [ordered]@{ name = $adapter.Name; changed = $false } }
    if ($enabled) { Enable-NetAdapter -InputObject $adapter -Confirm:$false } else { Disable-NetAdapter -InputObject $adapter -Confirm:$false }
    return [ordered]@{ name = $adapter.Name; changed = $true }
  }
  $state = if ($enabled) { 'enabled' } else { 'disabled' }
  $r = Invoke-Native (Join-Path $env:SystemRoot 'System32\netsh.exe') @('interface', 'set', 'interface', ('name=' + $name), ('admin=' + $state)) 60
  if ($r.ExitCode -ne 0) { Stop-Op 'failed' ("netsh failed (exit " + $r.ExitCode + "): " + (ConvertFrom-OemBytes $r.Stdout)) }
  return [ordered]@{ name = $name; changed = $true }
}

# ---------- CLUSTERPRO commands ----------
function Invoke-Clp($op) {
  $command = [string](Get-Required $op 'command')
  if ($script:ClpCommands -cnotcontains $command) { Stop-Op 'bad-request' ("not an allowed CLUSTERPRO command: " + $command) }
  $exe = $null
  $found = Get-Command -Name ($command + '.exe') -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
  if ($null -ne $found) { $exe = $found.Source }
  else {
    $cp = Find-Clusterpro
    if ($cp.Path) {
      $candidate = Join-Path $cp.Path ('bin\' + $command + '.exe')
      if ([System.IO.File]::Exists($candidate)) { $exe = $candidate }
    }
  }
  if ($null -eq $exe) { Stop-Op 'not-found' ($command + " is not installed (not on PATH, not in the CLUSTERPRO bin folder)") }
  $arguments = New-Object System.Collections.Generic.List[string]
  $argList = Get-List $op 'args' $false
  foreach ($a in $argList) { $arguments.Add([string]$a) }
  $r = Invoke-Native $exe $arguments.ToArray() ([int](Get-Optional $op 'timeoutSec' 600))
  if ((Get-Optional $op 'requireExitZero' $false) -eq $true -and $r.ExitCode -ne 0) {
    $text = ((ConvertFrom-OemBytes $r.Stderr) + ' ' + (ConvertFrom-OemBytes $r.Stdout)).Trim()
    if ($text.Length -gt 500) { $text = $text.Substring(0, 500) }
    $suffix = ''
    if ($text -ne '') { $suffix = ': ' + $text }
    Stop-Op 'exit-nonzero' ($command + ' exited with ' + $r.ExitCode + $suffix)
  }
  return [ordered]@{ exitCode = $r.ExitCode; stdoutBase64 = [Convert]::ToBase64String($r.Stdout); stderrBase64 = [Convert]::ToBase64String($r.Stderr) }
}

# ---------- lock ----------
function Get-LockOwner([string]$dir) {
  $f = Join-Path $dir 'owner'
  if (-not [System.IO.File]::Exists($f)) { return '' }
  try { return ([System.IO.File]::ReadAllText($f)).Trim() } catch { return '' }
}

# The folder appears with its owner file in one Directory.Move (which fails when the target exists). Age is the
# folder's time on this node, whatever the owner file says.
function Invoke-LockAcquire($op) {
  $p = Get-PathField $op 'path'
  $owner = [string](Get-Required $op 'owner')
  $stale = [int](Get-Required $op 'staleAfterSec')
  [void][System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($p))
  $broken = $null
  if (Test-Exists $p) {
    $m = [System.IO.Directory]::GetLastWriteTimeUtc($p)
    $age = [int][Math]::Floor(([DateTime]::UtcNow - $m).TotalSeconds)
    $holder = Get-LockOwner $p
    if ([Math]::Abs($age) -le $stale) {
      $who = $holder
      if ($who -eq '') { $who = 'an unknown owner (empty owner file)' }
      Stop-Op 'locked' ('the lock ' + $p + ' is held by ' + $who + ' for ' + $age + ' s')
    }
    # Stale: moved aside under this process's own name, checked to be the folder judged stale, removed.
    $aside = $p + '.stale.' + $PID
    if (Test-Exists $aside) { [System.IO.Directory]::Delete($aside, $true) }
    try { [System.IO.Directory]::Move($p, $aside) } catch { Stop-Op 'locked' ('the stale lock ' + $p + ' is being broken by someone else') }
    if ([System.IO.Directory]::GetLastWriteTimeUtc($aside) -ne $m) {
      try { [System.IO.Directory]::Move($aside, $p) } catch { $null = $_ }
      Stop-Op 'locked' ('the lock ' + $p + ' changed hands while it was being broken')
    }
    [System.IO.Directory]::Delete($aside, $true)
    $broken = [ordered]@{ owner = $holder; ageSec = $age }
  }
  $new = $p + '.new.' + $PID
  if (Test-Exists $new) { [System.IO.Directory]::Delete($new, $true) }
  [void][System.IO.Directory]::CreateDirectory($new)
  [System.IO.File]::WriteAllText((Join-Path $new 'owner'), $owner, $script:Utf8)
  try { [System.IO.Directory]::Move($new, $p) } catch {
    try { [System.IO.Directory]::Delete($new, $true) } catch { $null = $_ }
    Stop-Op 'locked' ('the lock ' + $p + ' was taken at the same moment by ' + (Get-LockOwner $p))
  }
  return [ordered]@{ acquired = $true; broken = $broken }
}

function Invoke-LockRelease($op) {
  $p = Get-PathField $op 'path'
  $owner = [string](Get-Required $op 'owner')
  $f = Join-Path $p 'owner'
  if (-not [System.IO.File]::Exists($f)) { return [ordered]@{ released = $false } }
  if ([System.IO.File]::ReadAllText($f) -cne $owner) { return [ordered]@{ released = $false } }
  $gone = $p + '.release.' + $PID
  if (Test-Exists $gone) { [System.IO.Directory]::Delete($gone, $true) }
  [System.IO.Directory]::Move($p, $gone)
  [System.IO.Directory]::Delete($gone, $true)
  return [ordered]@{ released = $true }
}

function Invoke-FileSha256($op) {
  $p = Get-PathField $op 'path'
  $expect = [string](Get-Optional $op 'expect' '')
  $hash = 'absent'
  if ([System.IO.File]::Exists($p)) {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { $bytes = $sha.ComputeHash([System.IO.File]::ReadAllBytes($p)) } finally { $sha.Dispose() }
    $hash = ([System.BitConverter]::ToString($bytes) -replace '-', '').ToLowerInvariant()
  }
  if ($expect -ne '' -and $expect -cne $hash) { Stop-Op 'mismatch' ($p + ' is ' + $hash + ', expected ' + $expect) }
  if ($hash -eq 'absent') { return [ordered]@{ exists = $false; sha256 = $null } }
  return [ordered]@{ exists = $true; sha256 = $hash }
}

# ---------- volumes ----------
# Win32_Volume through Get-WmiObject: there on every Windows Server CLUSTERPRO X supports (2012 R2 with PowerShell
# 4.0 included) without the Storage module or a CIM session, and its DeviceID is the volume GUID path
# (\\?\Volume{GUID}\) that clp.conf's volumeguid/cpvolumeguid come from; DriveLetter is "E:". Get-Volume (Storage
# module, 2012+) has the same path in .Path but needs the module loaded and answers slowly over CIM. The raw fields
# are sent as they are; the provider turns them into clp.conf's form (lower case, no braces) itself.
function Invoke-VolumeList($op) {
  $list = New-Object System.Collections.ArrayList
  foreach ($v in @(Get-WmiObject -Class Win32_Volume -Filter 'DriveLetter IS NOT NULL')) {
    $fsName = $null
    if ($v.FileSystem) { $fsName = [string]$v.FileSystem }
    $capacity = $null
    if ($null -ne $v.Capacity) { $capacity = [double]$v.Capacity }
    [void]$list.Add([ordered]@{ deviceId = [string]$v.DeviceID; driveLetter = [string]$v.DriveLetter; fileSystem = $fsName; capacity = $capacity })
  }
  return [ordered]@{ volumes = $list.ToArray() }
}

# ---------- dispatch ----------
function Invoke-Op($op) {
  $name = [string](Get-Field $op 'op')
  switch -CaseSensitive ($name) {
    # ops:begin
    'facts' { return Invoke-Facts $op }
    'service.query' { return Invoke-ServiceQuery $op }
    'service.setStartup' { return Invoke-ServiceSetStartup $op }
    'service.start' { return Invoke-ServiceRun $op $true }
    'service.stop' { return Invoke-ServiceRun $op $false }
    'reg.query' { return Invoke-RegQuery $op }
    'reg.set' { return Invoke-RegSet $op }
    'reg.deleteValue' { return Invoke-RegDeleteValue $op }
    'reg.deleteSubkeys' { return Invoke-RegDeleteSubkeys $op }
    'reg.export' { return Invoke-RegExport $op }
    'file.stat' { return Invoke-FileStat $op }
    'file.read' { return Invoke-FileRead $op }
    'file.write' { return Invoke-FileWrite $op }
    'file.mkdir' { return Invoke-FileMkdir $op }
    'file.move' { return Invoke-FileTransfer $op $true }
    'file.copy' { return Invoke-FileTransfer $op $false }
    'file.delete' { return Invoke-FileDelete $op }
    'acl.get' { return Invoke-AclGet $op }
    'acl.set' { return Invoke-AclSet $op }
    'hosts.get' { return Invoke-HostsGet $op }
    'hosts.set' { return Invoke-HostsSet $op }
    'nic.setEnabled' { return Invoke-NicSetEnabled $op }
    'clp' { return Invoke-Clp $op }
    'lock.acquire' { return Invoke-LockAcquire $op }
    'lock.release' { return Invoke-LockRelease $op }
    'file.sha256' { return Invoke-FileSha256 $op }
    'volume.list' { return Invoke-VolumeList $op }
    # ops:end
  }
  if ($name -eq '') { Stop-Op 'bad-request' 'missing field: op' }
  Stop-Op 'unknown-op' ("unknown op: " + $name)
}

$payload = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($PayloadBase64)) | ConvertFrom-Json
Write-ResultLine '@@clp-agent-begin@@ 1'
$ops = @($payload.ops)
$stopped = $false
for ($i = 0; $i -lt $ops.Count; $i++) {
  $op = $ops[$i]
  $line = $null
  if ($payload.protocolVersion -ne 1) {
    $line = ConvertTo-Json -InputObject ([ordered]@{ i = $i; ok = $false; error = [ordered]@{ code = 'protocol'; message = ('this agent speaks protocol version 1, the payload says ' + $payload.protocolVersion) } }) -Compress -Depth 4
  } elseif ($stopped) {
    $line = ConvertTo-Json -InputObject ([ordered]@{ i = $i; ok = $false; error = [ordered]@{ code = 'skipped'; message = 'not run: an earlier op with stopOnError failed' } }) -Compress -Depth 4
  } else {
    try {
      $value = Invoke-Op $op
      $line = '{"i":' + $i + ',"ok":true,"value":' + (ConvertTo-Json -InputObject $value -Compress -Depth 40) + '}'
    } catch {
      $ex = $_.Exception
      $code = 'failed'
      if ($ex.Data.Contains('agentCode')) { $code = [string]$ex.Data['agentCode'] } else { $ex = Get-InnerMost $ex }
      $line = ConvertTo-Json -InputObject ([ordered]@{ i = $i; ok = $false; error = [ordered]@{ code = $code; message = [string]$ex.Message } }) -Compress -Depth 4
      if ((Get-Field $op 'stopOnError') -eq $true) { $stopped = $true }
    }
  }
  Write-ResultLine $line
}
Write-ResultLine '@@clp-agent-end@@'
exit 0
