# Installation and packaging (installer/README.md).
#
# Linux: CPack DEB packages, one per component —
#   dcc-login         (component client): /usr/bin/dcc-login, its core library and backend
#                     module in /usr/lib/dcc-login, the desktop entry and the icon;
#   dcc-login-server  (component server): /usr/bin/dcc-login-server, the configuration as a
#                     conffile, the systemd unit, and maintainer scripts that create the
#                     system user and /var/lib/dcc-login-server.
#   cmake --build --preset release && cpack --config build/release/CPackConfig.cmake -B dist
#
# Windows: the `installer` target builds the client's MSI from installer/windows/dcc-login.wxs
# with the WiX Toolset 3 (candle, heat, light), after windeployqt has put the Qt runtime
# next to dcc-login.exe (and dcc-login-core.dll, dcc-login-backend.dll).
#
# The binaries' install() rules are in client/app/ and server/app/ (components client and
# server); the rest is here. Included from the top-level CMakeLists.txt after the parts.
include(GNUInstallDirs)

set(DCC_SERVER_CONF_DIR "/etc/dcc-login-server")
set(DCC_SYSTEMD_UNIT_DIR "/lib/systemd/system" CACHE PATH
    "Where the server package puts dcc-login-server.service")

if(DCC_BUILD_CLIENT AND UNIX AND NOT APPLE)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/linux/dcc-login.desktop"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/applications" COMPONENT client)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/dcc-login.svg"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps" COMPONENT client)
endif()

if(DCC_BUILD_SERVER AND UNIX AND NOT APPLE)
    # The packaged configuration: the commented sample, with CPS login off until the
    # administrator puts the IGC-Santé certificates in place (the server refuses to start
    # when cps.trustStore names a folder that does not exist or holds no CA).
    set(sample "${PROJECT_SOURCE_DIR}/server/dcc-login-server.properties")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${sample}")
    file(READ "${sample}" conf)
    set(trust_line "cps.trustStore = /etc/dcc-login-server/igc-sante/")
    string(FIND "${conf}" "\n${trust_line}\n" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "DccPackaging: '${trust_line}' is no longer in ${sample}; "
                            "update the packaged configuration in cmake/DccPackaging.cmake")
    endif()
    string(REPLACE "\n${trust_line}\n"
           "\n# Off as packaged: set it to /etc/dcc-login-server/igc-sante/ once the files are there.\ncps.trustStore =\n"
           conf "${conf}")
    set(header "# Installed by the dcc-login-server package (a conffile: your changes are kept on\n# upgrade). Before `systemctl enable --now dcc-login-server`: the TLS certificate and key\n# in /etc/dcc-login-server/tls/ (readable by the dcc-login-server group), server.publicOrigin,\n# and the mail.* keys. Data lives in /var/lib/dcc-login-server.\n#\n")
    file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/packaging/dcc-login-server.properties"
         CONTENT "${header}${conf}" @ONLY)

    install(FILES "${PROJECT_BINARY_DIR}/packaging/dcc-login-server.properties"
            DESTINATION "${DCC_SERVER_CONF_DIR}" COMPONENT server)
    install(DIRECTORY DESTINATION "${DCC_SERVER_CONF_DIR}/tls" COMPONENT server)
    install(DIRECTORY DESTINATION "${DCC_SERVER_CONF_DIR}/igc-sante" COMPONENT server)
    install(FILES "${PROJECT_SOURCE_DIR}/installer/linux/dcc-login-server.service"
            DESTINATION "${DCC_SYSTEMD_UNIT_DIR}" COMPONENT server)
endif()

# --- CPack: Debian packages
set(CPACK_PACKAGE_NAME "dcc-login")
set(CPACK_PACKAGE_VENDOR "DCC Login")
set(CPACK_PACKAGE_CONTACT "DCC Login maintainers <dcc-login@onco-hdf.fr>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://www.onco-hdf.fr/")
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(components)
if(DCC_BUILD_CLIENT)
    list(APPEND components client)
endif()
if(DCC_BUILD_SERVER)
    list(APPEND components server)
endif()
set(CPACK_COMPONENTS_ALL ${components})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "gzip")

set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME "dcc-login")
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION "net")
# Shared libraries come from dpkg-shlibdeps; these are loaded at run time.
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "pcscd, qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS "opensc, p11-kit-modules")
set(CPACK_DEBIAN_CLIENT_DESCRIPTION
    "DCC Login desktop client: CPS card or e-mail code login to the DCC\nOpens the regional cancer-care record portal (DCC) after a login with a password and a code sent by e-mail, or a password and the CPS card (PC/SC, PKCS#11). The administrator can fix its settings in the [Policies] group of /etc/xdg/DCC Login/dcc-login.ini.")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "dcc-login-server")
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "DCC Login server: password, e-mail code and CPS card login to the DCC\nChecks passwords, e-mail codes and CPS card signatures for the DCC Login client, keeps the accounts, sends the mails and hands the session to the browser. Runs as the systemd service dcc-login-server.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/installer/linux/server-deb/postinst"
    "${PROJECT_SOURCE_DIR}/installer/linux/server-deb/prerm"
    "${PROJECT_SOURCE_DIR}/installer/linux/server-deb/postrm"
    "${PROJECT_SOURCE_DIR}/installer/linux/server-deb/conffiles")

include(CPack)

# --- Windows: the MSI
if(WIN32 AND DCC_BUILD_CLIENT)
    find_program(WINDEPLOYQT_EXECUTABLE windeployqt HINTS "${QT6_INSTALL_PREFIX}/bin")
    find_program(WIX_CANDLE candle HINTS "$ENV{WIX}/bin")
    find_program(WIX_LIGHT light HINTS "$ENV{WIX}/bin")
    find_program(WIX_HEAT heat HINTS "$ENV{WIX}/bin")
endif()
if(WIN32 AND DCC_BUILD_CLIENT AND NOT (WINDEPLOYQT_EXECUTABLE AND WIX_CANDLE AND WIX_LIGHT
                                       AND WIX_HEAT))
    message(STATUS "No `installer` target: windeployqt or the WiX Toolset 3 (candle, light, "
                   "heat; %WIX%\\bin) was not found")
elseif(WIN32 AND DCC_BUILD_CLIENT)
    set(stage "${PROJECT_BINARY_DIR}/installer/stage")
    set(wixobj "${PROJECT_BINARY_DIR}/installer/obj")
    set(msi "${PROJECT_BINARY_DIR}/dcc-login-${PROJECT_VERSION}-x64.msi")
    add_custom_target(installer
        COMMAND "${CMAKE_COMMAND}" -E rm -rf "${stage}" "${wixobj}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${stage}/qt" "${wixobj}"
        # Qt's DLLs and plugins, harvested into the ComponentGroup QtRuntime (installed
        # next to dcc-login.exe: INSTALLDIR).
        # The module too: it needs Qt Network, which the executable does not.
        COMMAND "${WINDEPLOYQT_EXECUTABLE}" $<IF:$<CONFIG:Debug>,--debug,--release>
                --dir "${stage}/qt" "$<TARGET_FILE:dcc-login>"
                "$<TARGET_FILE:dcc-login-backend>"
        COMMAND "${WIX_HEAT}" dir "${stage}/qt" -nologo -ag -srd -sreg -scom
                -cg QtRuntime -dr INSTALLDIR -var var.QtRuntimeDir -out "${wixobj}/QtRuntime.wxs"
        COMMAND "${WIX_CANDLE}" -nologo -arch x64 -out "${wixobj}/"
                -dProductVersion=${PROJECT_VERSION}
                "-dClientExe=$<TARGET_FILE:dcc-login>"
                "-dClientCore=$<TARGET_FILE:dcc_client_core>"
                "-dClientBackend=$<TARGET_FILE:dcc-login-backend>"
                "-dQtRuntimeDir=${stage}/qt" -dQtRuntime=1
                "${PROJECT_SOURCE_DIR}/installer/windows/dcc-login.wxs" "${wixobj}/QtRuntime.wxs"
        COMMAND "${WIX_LIGHT}" -nologo -out "${msi}"
                "${wixobj}/dcc-login.wixobj" "${wixobj}/QtRuntime.wixobj"
        DEPENDS dcc-login dcc_client_core dcc-login-backend
                "${PROJECT_SOURCE_DIR}/installer/windows/dcc-login.wxs"
        COMMENT "Building ${msi}"
        VERBATIM)
endif()
