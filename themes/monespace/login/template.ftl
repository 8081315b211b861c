<#--
  MonEspace page layout. Same macro and parameters as base's template.ftl, so
  every screen — ours and any base template we do not restyle — renders in it:

      <#import "template.ftl" as layout>
      <@layout.registrationLayout displayMessage=… displayInfo=…; section>
        <#if section = "header"> page title (h1, also used in <title>)
        <#elseif section = "form"> the screen's content
        <#elseif section = "info"> links under the content (shown when displayInfo)
        </#if>
      </@layout.registrationLayout>

  Parameters
    displayMessage=true        show Keycloak's global message (message.summary) at
                               the top; pass false when the screen shows it itself
                               (e.g. next to a field)
    displayInfo=false          render the "info" section
    displayRequiredFields=false  show "Les champs suivis d'un astérisque (*) sont obligatoires."
    pageError=false            force the "Erreur :" prefix of <title> (blocking
                               errors shown with me.messageBox rather than `message`)
    bodyClass=""               extra class on <body>
  Sections "socialProviders" and "show-username" of base templates are accepted;
  the latter is not rendered (the login identifier is always visible in the form).
-->
<#import "monespace.ftl" as me>
<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false pageError=false>
<#-- The header section is captured once: it fills both <h1> and <title>. -->
<#assign meHeading><#nested "header"></#assign>
<#-- <title> wants plain text: drop tags some base headers contain and undo the
     escaping of the captured markup, then let FreeMarker escape it once. -->
<#assign meHeadingText = meHeading?markup_string?replace("<[^>]*>", "", "r")?replace("&#39;", "'")?replace("&quot;", '"')?replace("&lt;", "<")?replace("&gt;", ">")?replace("&amp;", "&")?replace("\\s+", " ", "r")?trim>
<#assign meHasError = pageError || (message?has_content && message.type == "error")>
<!DOCTYPE html>
<html lang="${(locale.currentLanguageTag)!lang!'fr'}">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <meta name="color-scheme" content="light">
    <title><#if !meHeadingText?has_content>${msg("monespaceServiceTitle")}<#elseif meHasError>${msg("monespaceDocumentTitleError", meHeadingText)}<#else>${msg("monespaceDocumentTitle", meHeadingText)}</#if></title>
    <#-- No favicon file: an empty one avoids a 404 on every page. -->
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${url.resourcesPath}/css/monespace.css">
    <script type="module" src="${url.resourcesPath}/js/monespace.js"></script>
    <#if scripts??>
        <#list scripts as script>
            <script src="${script}"></script>
        </#list>
    </#if>
    <#-- Kept from base: reloads the page when the login completes in another
         tab, and detects a stale authentication session. -->
    <script type="module">
        <#outputformat "JavaScript">
        import { startSessionPolling } from ${(url.resourcesPath + "/js/authChecker.js")?c};

        startSessionPolling(
            ${url.ssoLoginInOtherTabsUrl?c}
        );
        </#outputformat>
    </script>
    <#if authenticationSession??>
        <script type="module">
            <#outputformat "JavaScript">
            import { checkAuthSession } from ${(url.resourcesPath + "/js/authChecker.js")?c};

            checkAuthSession(
                ${authenticationSession.authSessionIdHash?c}
            );
            </#outputformat>
        </script>
    </#if>
</head>

<body class="me-body ${bodyClass}" data-page-id="login-${pageId!''}">
<a class="me-skip" href="#me-main">${msg("monespaceSkipLink")}</a>

<header class="me-header">
    <div class="me-header__inner">
        <p class="me-brand">
            <span class="me-brand__org">${msg("monespaceOrgName")}</span>
            <span class="me-brand__service">${msg("monespaceServiceName")}</span>
        </p>
        <#if ((realm.internationalizationEnabled)!false) && (locale.supported)?? && locale.supported?size gt 1>
            <nav class="me-lang" aria-label="${msg("monespaceLanguageNav")}">
                <ul>
                    <#list locale.supported as l>
                        <#-- Each language name is written in its own language. -->
                        <li><a href="${l.url}" lang="${l.languageTag}" hreflang="${l.languageTag}"<#if l.languageTag == locale.currentLanguageTag> aria-current="true"</#if>>${l.label}</a></li>
                    </#list>
                </ul>
            </nav>
        </#if>
    </div>
</header>

<main id="me-main" class="me-main" tabindex="-1">
    <div class="me-card">
        <h1 class="me-title" id="kc-page-title">${meHeading}</h1>
        <#if displayRequiredFields>
            <p class="me-required-note">${msg("monespaceRequiredFieldsNote")}</p>
        </#if>

        <#-- Global message. App-initiated actions skip the warnings that tell
             a user to complete an action during login (as in base). -->
        <#if displayMessage && message?has_content && (message.type != "warning" || !isAppInitiatedAction??)>
            <@me.messageBox type=message.type text=message.summary id="me-global-message"/>
        </#if>

        <#nested "form">

        <#if auth?has_content && auth.showTryAnotherWayLink()>
            <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post">
                <input type="hidden" name="tryAnotherWay" value="on">
                <button type="submit" class="me-btn me-btn--link">${msg("doTryAnotherWay")}</button>
            </form>
        </#if>

        <#nested "socialProviders">

        <#if displayInfo>
            <div id="kc-info" class="me-info">
                <#nested "info">
            </div>
        </#if>
    </div>
</main>

<#assign meFooterLinks = [
    {"url": me.configUrl("monespaceSupportUrl"), "key": "monespaceSupport"},
    {"url": me.configUrl("monespaceCguUrl"), "key": "monespaceTermsLink"},
    {"url": me.configUrl("monespacePrivacyUrl"), "key": "monespacePrivacyLink"}
]?filter(l -> l.url?has_content)>
<footer class="me-footer">
    <div class="me-footer__inner">
        <#if meFooterLinks?has_content>
            <nav aria-label="${msg("monespaceFooterNav")}">
                <ul>
                    <#list meFooterLinks as l>
                        <li><a href="${l.url}">${msg(l.key)}</a></li>
                    </#list>
                </ul>
            </nav>
        <#else>
            <p>${msg("monespaceFooterOrg")}</p>
        </#if>
    </div>
</footer>

<#-- Shared polite live region (password shown/hidden…), filled by monespace.js. -->
<div id="me-live" class="me-sr-only" aria-live="polite"></div>
</body>
</html>
</#macro>
