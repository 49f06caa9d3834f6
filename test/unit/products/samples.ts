// Example settings per catalog product, as a user would write them (the seeds' own examples where they give one).
import type { ProductId, ProductSettingsInput } from "../../../provider/products/settings";

export const SAMPLE_SETTINGS: { [Id in ProductId]: ProductSettingsInput[Id] } = {
  "printport-acos4": { windowsServer: "2008-or-later", printerLanConnectionName: "ローカル エリア接続", controlFilesFolder: "C:\\PrintPortCtl", ntpServer: "192.168.1.1" },
  "esmpro-servermanager": { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: true },
  deploymentmanager: {},
  "deploymentmanager-hpux": { managementServerName: "dpm_cluster" },
  systemprovisioning: {},
  "systemmonitor-performance": {},
};

export const SAMPLE_SHARED_FOLDER: { [Id in ProductId]: string | undefined } = {
  "printport-acos4": undefined,
  "esmpro-servermanager": "E:\\ESMPRO",
  deploymentmanager: "E:\\DPM",
  "deploymentmanager-hpux": "F:\\dpm_hpux",
  systemprovisioning: "E:\\PVM",
  "systemmonitor-performance": undefined,
};

/** The other branch of every optional member and condition. */
export const SAMPLE_SETTINGS_ALL_OPTIONS: { [Id in ProductId]: ProductSettingsInput[Id] } = {
  "printport-acos4": { windowsServer: "2003", printerLanDeviceId: "PCI\\VEN_8086&DEV_10D3", controlFilesFolder: "C:\\PrintPortCtl", ntpServer: "192.168.1.1" },
  "esmpro-servermanager": {
    virtualComputerName: "ESMPRO",
    dmiAlerts: true,
    trapForwarding: false,
    clusterproEsmCooperation: true,
    clusterproEsmCooperatorServiceName: "clpesmsm",
    expressReportService: true,
    alertManagerMainService: true,
    esmproUserGroups: ["EsmproOps"],
    otherEsmBaseProducts: ["Netvisor"],
  },
  deploymentmanager: { clusterDatabase: true, databaseFolder: "DPMDB", backupImageFolder: "D:\\Images" },
  "deploymentmanager-hpux": { managementServerName: "dpm_cluster" },
  systemprovisioning: { clusterDatabase: false, databaseInstance: "PVMDB" },
  "systemmonitor-performance": { databaseInstance: "PERFDB" },
};
