<#--
  Front-channel logout: each application's logout URL loads in a hidden
  iframe, then the browser moves on to the redirect URI (script as in base,
  plus a visible "Continuer" link for when scripts do not run).
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("frontchannel-logout.title")}
    <#elseif section = "form">
        <@me.text key="frontchannel-logout.message"/>
        <ul class="me-text">
            <#list logout.clients as logoutClient>
                <li>
                    ${logoutClient.name}
                    <iframe src="${logoutClient.frontChannelLogoutUrl}" title="${logoutClient.name}" hidden></iframe>
                </li>
            </#list>
        </ul>
        <#if logout.logoutRedirectUri?has_content>
            <script>
                <#outputformat "JavaScript">
                document.addEventListener('readystatechange', function () {
                    if (document.readyState === 'complete') {
                        window.location.replace(${logout.logoutRedirectUri?c});
                    }
                });
                </#outputformat>
            </script>
            <@me.actions><a id="continue" class="me-btn me-btn--primary" href="${logout.logoutRedirectUri}">${msg("doContinue")}</a></@me.actions>
        </#if>
    </#if>
</@layout.registrationLayout>
